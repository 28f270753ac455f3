from .navigation import menu_for


def navigation(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from .notifications import unread_count

    return {"nav_menu": menu_for(request), "unread_notifications": unread_count(user)}
