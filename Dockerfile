# AI-hubben: the same gunicorn command as `make serve`, for production behind a TLS proxy.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 10001 hub

WORKDIR /app
COPY requirements.lock pyproject.toml README.md ./
RUN pip install -r requirements.lock
COPY . .
RUN pip install --no-deps . \
    && DEBUG=false SECRET_KEY=build-only-not-used-at-runtime-0123456789abcdefghijklmnop \
       ALLOWED_HOSTS=build python manage.py collectstatic --noinput \
    && chown -R hub:hub /app

USER hub
EXPOSE 8000
# Settings come from the environment: DATABASE_URL, SECRET_KEY, ALLOWED_HOSTS, ...
CMD ["gunicorn", "hub.wsgi", "--bind", "0.0.0.0:8000", "--workers", "2", "--access-logfile", "-"]
