"""Login with a throttle on repeated failures; logout and password change use Django's views."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.core.exceptions import ValidationError

from ..forms import LoginForm
from ..services import accounts


def client_ip(request) -> str | None:
    return request.META.get("REMOTE_ADDR")


class ThrottledLoginForm(LoginForm):
    def clean(self):
        username = self.data.get("username", "")
        ip = client_ip(self.request) if self.request else None
        if accounts.login_is_throttled(username, ip):
            raise ValidationError(
                self.error_messages["throttled"],
                code="throttled",
                params={"minutes": settings.LOGIN_FAILURE_WINDOW_MINUTES},
            )
        try:
            cleaned = super().clean()
        except ValidationError:
            accounts.login_failed(username, ip)
            raise
        accounts.login_succeeded(username)
        return cleaned


login = auth_views.LoginView.as_view(
    template_name="registration/login.html", authentication_form=ThrottledLoginForm, redirect_authenticated_user=True
)
logout = auth_views.LogoutView.as_view()


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change.html"

    def form_valid(self, form):
        from django.db import transaction

        from .. import audit

        with transaction.atomic():
            response = super().form_valid(form)
            audit.record(actor=self.request.user, obj=self.request.user, action="action", verb="Đổi mật khẩu")
        return response


password_change = PasswordChangeView.as_view()
password_change_done = auth_views.PasswordChangeDoneView.as_view(template_name="registration/password_change_done.html")
