import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
application = get_wsgi_application()

from danvan.settings import require_secret_key  # noqa: E402

require_secret_key()  # a server never starts without its key when DEBUG is off
