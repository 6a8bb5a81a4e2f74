"""Signing in to the admin: the second factor (an authenticator app, with single-use recovery
codes) that staff who can read personal data give after their password."""
