"""allauth's sign-up form, doing the same work whether or not the address has an account.

Kept apart from ``registration.accounts.forms``: allauth builds its sign-up form on
``ACCOUNT_SIGNUP_FORM_CLASS`` (``registration.accounts.forms.SignupProfileForm``), so that
module cannot import allauth's forms.
"""

from allauth.account.forms import SignupForm as AllauthSignupForm
from django.contrib.auth.hashers import make_password


class SignupForm(AllauthSignupForm):
    def try_save(self, request):
        if self.account_already_exists:
            # A new account hashes its password; an address that has one must cost the same,
            # or the answer's timing tells which addresses have accounts. The hash is dropped.
            make_password(self.cleaned_data["password1"])
        return super().try_save(request)
