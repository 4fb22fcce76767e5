"""Every URL of the project, for every role of the cast: the status each must get.

The rows are written out, one per URL pattern, with no default: a new URL fails the
test until its row says what each role may do. The columns are ROLES, in order.
Admin pages are reached only by staff; object pages are asked for a real object.
"""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from taggit.models import Tag

from hub.models import SynonymGroup
from municipalities.models import MODERATORS_GROUP, AccountDeletion, Area, Competence
from pilots.models import Effect, PilotErrorReport, PilotUpdate
from services.models import Adoption, Attachment, ErrorReport, Supplier
from tests import factories
from tests.urlmatrix import url_patterns

ROLES = ("anonymous", "member", "editor", "muni_admin", "other_editor", "lead", "moderator")

# Columns: anonymous, member, editor, municipality admin, editor of Landskrona, project lead,
# moderator.
EXPECTED = {
    # --- the hub's own pages
    "home": (302, 200, 200, 200, 200, 200, 200),
    "health": (200, 200, 200, 200, 200, 200, 200),
    "accessibility": (200, 200, 200, 200, 200, 200, 200),
    "privacy": (200, 200, 200, 200, 200, 200, 200),
    "set_language": (302, 302, 302, 302, 302, 302, 302),
    # --- allauth: account pages reach anonymous visitors; logged-in users are sent on
    "account_login": (200, 302, 302, 302, 302, 302, 302),
    "account_logout": (302, 200, 200, 200, 200, 200, 200),
    "account_inactive": (200, 200, 200, 200, 200, 200, 200),
    "account_signup": (200, 302, 302, 302, 302, 302, 302),
    "account_reauthenticate": (302, 200, 200, 200, 200, 200, 200),
    "account_request_reauthentication_code": (302, 200, 200, 200, 200, 200, 200),
    "account_confirm_reauthentication_code": (302, 302, 302, 302, 302, 302, 302),
    "account_email": (302, 200, 200, 200, 200, 200, 200),
    "account_email_verification_sent": (200, 200, 200, 200, 200, 200, 200),
    "account_change_password": (302, 200, 200, 200, 200, 200, 200),
    "account_set_password": (302, 302, 302, 302, 302, 302, 302),
    "account_reset_password": (200, 200, 200, 200, 200, 200, 200),
    "account_confirm_login_code": (302, 302, 302, 302, 302, 302, 302),
    "account_confirm_email": (200, 200, 200, 200, 200, 200, 200),
    "account_reset_password_from_key_done": (200, 200, 200, 200, 200, 200, 200),
    "account_reset_password_from_key": (200, 200, 200, 200, 200, 200, 200),
    "account_reset_password_done": (200, 200, 200, 200, 200, 200, 200),
    # --- two-factor login: only those with an authenticator see its pages
    "mfa_index": (302, 200, 200, 200, 200, 200, 200),
    "mfa_authenticate": (302, 302, 302, 302, 302, 302, 302),
    "mfa_reauthenticate": (302, 302, 302, 200, 302, 302, 200),
    "mfa_activate_totp": (302, 302, 302, 302, 302, 302, 302),
    "mfa_deactivate_totp": (302, 404, 404, 302, 404, 404, 302),
    "mfa_view_recovery_codes": (302, 404, 404, 404, 404, 404, 404),
    "mfa_generate_recovery_codes": (302, 302, 302, 302, 302, 302, 302),
    "mfa_download_recovery_codes": (302, 404, 404, 404, 404, 404, 404),
    # --- Django admin: staff only; a member is sent to a login that refuses them (403)
    "admin:index": (302, 302, 302, 302, 302, 302, 200),
    "admin:login": (302, 403, 403, 403, 403, 403, 302),
    "admin:logout": (302, 302, 302, 302, 302, 302, 405),
    "admin:password_change": (302, 302, 302, 302, 302, 302, 200),
    "admin:password_change_done": (302, 302, 302, 302, 302, 302, 200),
    "admin:autocomplete": (302, 302, 302, 302, 302, 302, 403),
    "admin:jsi18n": (302, 302, 302, 302, 302, 302, 200),
    "admin:view_on_site": (302, 302, 302, 302, 302, 302, 302),
    "admin:app_list": (302, 302, 302, 302, 302, 302, 200),
    "admin/(?P<url>.*)$": (302, 302, 302, 302, 302, 302, 404),
    # groups, e-mail addresses and authenticators are for operations (superusers) only
    "admin:auth_group_changelist": (302, 302, 302, 302, 302, 302, 403),
    "admin:auth_group_add": (302, 302, 302, 302, 302, 302, 403),
    "admin:auth_group_history": (302, 302, 302, 302, 302, 302, 403),
    "admin:auth_group_delete": (302, 302, 302, 302, 302, 302, 403),
    "admin:auth_group_change": (302, 302, 302, 302, 302, 302, 403),
    "admin/auth/group/<path:object_id>/": (302, 302, 302, 302, 302, 302, 302),
    "admin:account_emailaddress_changelist": (302, 302, 302, 302, 302, 302, 403),
    "admin:account_emailaddress_add": (302, 302, 302, 302, 302, 302, 403),
    "admin:account_emailaddress_history": (302, 302, 302, 302, 302, 302, 403),
    "admin:account_emailaddress_delete": (302, 302, 302, 302, 302, 302, 403),
    "admin:account_emailaddress_change": (302, 302, 302, 302, 302, 302, 403),
    "admin/account/emailaddress/<path:object_id>/": (302, 302, 302, 302, 302, 302, 302),
    "admin:mfa_authenticator_changelist": (302, 302, 302, 302, 302, 302, 403),
    "admin:mfa_authenticator_add": (302, 302, 302, 302, 302, 302, 403),
    "admin:mfa_authenticator_history": (302, 302, 302, 302, 302, 302, 403),
    "admin:mfa_authenticator_delete": (302, 302, 302, 302, 302, 302, 403),
    "admin:mfa_authenticator_change": (302, 302, 302, 302, 302, 302, 403),
    "admin/mfa/authenticator/<path:object_id>/": (302, 302, 302, 302, 302, 302, 302),
    # tags: moderators curate them, never delete them
    "admin:taggit_tag_merge_tags": (302, 302, 302, 302, 302, 302, 200),
    "admin:taggit_tag_changelist": (302, 302, 302, 302, 302, 302, 200),
    "admin:taggit_tag_add": (302, 302, 302, 302, 302, 302, 200),
    "admin:taggit_tag_history": (302, 302, 302, 302, 302, 302, 200),
    "admin:taggit_tag_delete": (302, 302, 302, 302, 302, 302, 403),
    "admin:taggit_tag_change": (302, 302, 302, 302, 302, 302, 200),
    "admin/taggit/tag/<path:object_id>/": (302, 302, 302, 302, 302, 302, 302),
    # municipalities: archive (inactive), never delete
    "admin:municipalities_municipality_simple_history": (302, 302, 302, 302, 302, 302, 200),
    "admin:municipalities_municipality_changelist": (302, 302, 302, 302, 302, 302, 200),
    "admin:municipalities_municipality_add": (302, 302, 302, 302, 302, 302, 200),
    "admin:municipalities_municipality_history": (302, 302, 302, 302, 302, 302, 200),
    "admin:municipalities_municipality_delete": (302, 302, 302, 302, 302, 302, 403),
    "admin:municipalities_municipality_change": (302, 302, 302, 302, 302, 302, 200),
    "admin/municipalities/municipality/<path:object_id>/": (302, 302, 302, 302, 302, 302, 302),
    # memberships are links, not content: moderators may remove one
    "admin:municipalities_membership_simple_history": (302, 302, 302, 302, 302, 302, 200),
    "admin:municipalities_membership_changelist": (302, 302, 302, 302, 302, 302, 200),
    "admin:municipalities_membership_add": (302, 302, 302, 302, 302, 302, 200),
    "admin:municipalities_membership_history": (302, 302, 302, 302, 302, 302, 200),
    "admin:municipalities_membership_delete": (302, 302, 302, 302, 302, 302, 200),
    "admin:municipalities_membership_change": (302, 302, 302, 302, 302, 302, 200),
    "admin/municipalities/membership/<path:object_id>/": (302, 302, 302, 302, 302, 302, 302),
    "admin:municipalities_profile_simple_history": (302, 302, 302, 302, 302, 302, 200),
    "admin:municipalities_profile_changelist": (302, 302, 302, 302, 302, 302, 200),
    "admin:municipalities_profile_add": (302, 302, 302, 302, 302, 302, 200),
    "admin:municipalities_profile_history": (302, 302, 302, 302, 302, 302, 200),
    "admin:municipalities_profile_delete": (302, 302, 302, 302, 302, 302, 403),
    "admin:municipalities_profile_change": (302, 302, 302, 302, 302, 302, 200),
    "admin/municipalities/profile/<path:object_id>/": (302, 302, 302, 302, 302, 302, 302),
    # AI competences: a vocabulary moderators keep; words are retired, never deleted
    "admin:municipalities_competence_simple_history": (302, 302, 302, 302, 302, 302, 200),
    "admin:municipalities_competence_changelist": (302, 302, 302, 302, 302, 302, 200),
    "admin:municipalities_competence_add": (302, 302, 302, 302, 302, 302, 200),
    "admin:municipalities_competence_history": (302, 302, 302, 302, 302, 302, 200),
    "admin:municipalities_competence_delete": (302, 302, 302, 302, 302, 302, 403),
    "admin:municipalities_competence_change": (302, 302, 302, 302, 302, 302, 200),
    "admin/municipalities/competence/<path:object_id>/": (302, 302, 302, 302, 302, 302, 302),
    # account deletions: written by the hub, read by moderators (the change page is a view)
    "admin:municipalities_accountdeletion_simple_history": (302, 302, 302, 302, 302, 302, 200),
    "admin:municipalities_accountdeletion_changelist": (302, 302, 302, 302, 302, 302, 200),
    "admin:municipalities_accountdeletion_add": (302, 302, 302, 302, 302, 302, 403),
    "admin:municipalities_accountdeletion_history": (302, 302, 302, 302, 302, 302, 200),
    "admin:municipalities_accountdeletion_delete": (302, 302, 302, 302, 302, 302, 403),
    "admin:municipalities_accountdeletion_change": (302, 302, 302, 302, 302, 302, 200),
    "admin/municipalities/accountdeletion/<path:object_id>/": (302, 302, 302, 302, 302, 302, 302),
    # synonym groups for the search: moderators keep them; a group is retired, not deleted
    "admin:hub_synonymgroup_simple_history": (302, 302, 302, 302, 302, 302, 200),
    "admin:hub_synonymgroup_changelist": (302, 302, 302, 302, 302, 302, 200),
    "admin:hub_synonymgroup_add": (302, 302, 302, 302, 302, 302, 200),
    "admin:hub_synonymgroup_history": (302, 302, 302, 302, 302, 302, 200),
    "admin:hub_synonymgroup_delete": (302, 302, 302, 302, 302, 302, 403),
    "admin:hub_synonymgroup_change": (302, 302, 302, 302, 302, 302, 200),
    "admin/hub/synonymgroup/<path:object_id>/": (302, 302, 302, 302, 302, 302, 302),
    "admin:municipalities_area_simple_history": (302, 302, 302, 302, 302, 302, 200),
    "admin:municipalities_area_changelist": (302, 302, 302, 302, 302, 302, 200),
    "admin:municipalities_area_add": (302, 302, 302, 302, 302, 302, 200),
    "admin:municipalities_area_history": (302, 302, 302, 302, 302, 302, 200),
    "admin:municipalities_area_delete": (302, 302, 302, 302, 302, 302, 403),
    "admin:municipalities_area_change": (302, 302, 302, 302, 302, 302, 200),
    "admin/municipalities/area/<path:object_id>/": (302, 302, 302, 302, 302, 302, 302),
    # users: moderators see and deactivate members; passwords and deletion are operations'
    "admin:auth_user_password_change": (302, 302, 302, 302, 302, 302, 403),
    "admin:municipalities_user_changelist": (302, 302, 302, 302, 302, 302, 200),
    "admin:municipalities_user_add": (302, 302, 302, 302, 302, 302, 403),
    "admin:municipalities_user_history": (302, 302, 302, 302, 302, 302, 200),
    "admin:municipalities_user_delete": (302, 302, 302, 302, 302, 302, 403),
    "admin:municipalities_user_change": (302, 302, 302, 302, 302, 302, 200),
    "admin/municipalities/user/<path:object_id>/": (302, 302, 302, 302, 302, 302, 302),
    # --- the service catalogue (a published service of Ängelholm; POST-only steps answer
    # GET with 405, and their writes are tested in test_services_workflow.py)
    "services:list": (302, 200, 200, 200, 200, 200, 200),
    "services:create": (302, 403, 200, 200, 200, 403, 403),
    "services:export": (302, 200, 200, 200, 200, 200, 200),
    "services:detail": (302, 200, 200, 200, 200, 200, 200),
    "services:edit": (302, 403, 200, 200, 403, 403, 200),
    "services:submit": (302, 405, 405, 405, 405, 405, 405),
    "services:publish": (302, 405, 405, 405, 405, 405, 405),
    "services:send_back": (302, 403, 403, 403, 403, 403, 403),
    "services:archive": (302, 403, 200, 200, 403, 403, 200),
    "services:restore": (302, 405, 405, 405, 405, 405, 405),
    "services:adopt": (302, 405, 405, 405, 405, 405, 405),
    "services:report": (302, 200, 200, 200, 200, 200, 200),
    "services:attachment": (302, 200, 200, 200, 200, 200, 200),
    "moderation": (302, 403, 403, 403, 403, 403, 200),
    "moderation_report_handled": (302, 405, 405, 405, 405, 405, 405),
    "moderation_deletion_approve": (302, 405, 405, 405, 405, 405, 405),
    "moderation_deletion_refuse": (302, 403, 403, 403, 403, 403, 200),
    # --- people: the directory lists those who chose it (a listed member is asked for);
    # each person keeps their own profile and data; POST-only steps answer GET with 405
    "search": (302, 200, 200, 200, 200, 200, 200),
    "people": (302, 200, 200, 200, 200, 200, 200),
    "person": (302, 200, 200, 200, 200, 200, 200),
    "profile": (302, 200, 200, 200, 200, 200, 200),
    "profile_listing": (302, 200, 200, 200, 200, 200, 200),
    "my_data": (302, 200, 200, 200, 200, 200, 200),
    "my_data_export": (302, 200, 200, 200, 200, 200, 200),
    "my_data_delete": (302, 405, 405, 405, 405, 405, 405),
    "my_data_withdraw": (302, 405, 405, 405, 405, 405, 405),
    # --- municipalities (Ängelholm); its members are for its admins and the moderators only
    "municipalities": (302, 200, 200, 200, 200, 200, 200),
    "municipality_detail": (302, 200, 200, 200, 200, 200, 200),
    "municipality_members": (302, 403, 403, 200, 403, 403, 200),
    "member_role": (302, 403, 403, 200, 403, 403, 200),
    "member_deactivate": (302, 403, 403, 200, 403, 403, 200),
    "member_reactivate": (302, 403, 403, 200, 403, 403, 200),
    "member_remove": (302, 403, 403, 200, 403, 403, 200),
    # services in admin: moderators review and archive, never create or delete a service
    "admin:services_aiservice_simple_history": (302, 302, 302, 302, 302, 302, 200),
    "admin:services_aiservice_changelist": (302, 302, 302, 302, 302, 302, 200),
    "admin:services_aiservice_add": (302, 302, 302, 302, 302, 302, 403),
    "admin:services_aiservice_history": (302, 302, 302, 302, 302, 302, 200),
    "admin:services_aiservice_delete": (302, 302, 302, 302, 302, 302, 403),
    "admin:services_aiservice_change": (302, 302, 302, 302, 302, 302, 200),
    "admin/services/aiservice/<path:object_id>/": (302, 302, 302, 302, 302, 302, 302),
    "admin:services_supplier_simple_history": (302, 302, 302, 302, 302, 302, 200),
    "admin:services_supplier_changelist": (302, 302, 302, 302, 302, 302, 200),
    "admin:services_supplier_add": (302, 302, 302, 302, 302, 302, 200),
    "admin:services_supplier_history": (302, 302, 302, 302, 302, 302, 200),
    "admin:services_supplier_delete": (302, 302, 302, 302, 302, 302, 403),
    "admin:services_supplier_change": (302, 302, 302, 302, 302, 302, 200),
    "admin/services/supplier/<path:object_id>/": (302, 302, 302, 302, 302, 302, 302),
    # a reuse mark is a municipality's word: moderators may correct or remove one
    "admin:services_adoption_simple_history": (302, 302, 302, 302, 302, 302, 200),
    "admin:services_adoption_changelist": (302, 302, 302, 302, 302, 302, 200),
    "admin:services_adoption_add": (302, 302, 302, 302, 302, 302, 200),
    "admin:services_adoption_history": (302, 302, 302, 302, 302, 302, 200),
    "admin:services_adoption_delete": (302, 302, 302, 302, 302, 302, 200),
    "admin:services_adoption_change": (302, 302, 302, 302, 302, 302, 200),
    "admin/services/adoption/<path:object_id>/": (302, 302, 302, 302, 302, 302, 302),
    # error reports come from the portal; moderators mark them handled
    "admin:services_errorreport_simple_history": (302, 302, 302, 302, 302, 302, 200),
    "admin:services_errorreport_changelist": (302, 302, 302, 302, 302, 302, 200),
    "admin:services_errorreport_add": (302, 302, 302, 302, 302, 302, 403),
    "admin:services_errorreport_history": (302, 302, 302, 302, 302, 302, 200),
    "admin:services_errorreport_delete": (302, 302, 302, 302, 302, 302, 403),
    "admin:services_errorreport_change": (302, 302, 302, 302, 302, 302, 200),
    "admin/services/errorreport/<path:object_id>/": (302, 302, 302, 302, 302, 302, 302),
    # --- the pilot registry (a published pilot of Ängelholm led by the project lead, with
    # Landskrona participating; POST-only steps answer GET with 405, writes are in test_pilots.py)
    "pilots:list": (302, 200, 200, 200, 200, 200, 200),
    "pilots:create": (302, 200, 200, 200, 200, 200, 200),
    "pilots:export": (302, 200, 200, 200, 200, 200, 200),
    "pilots:report": (302, 200, 200, 200, 200, 200, 200),
    "pilots:report_export": (302, 200, 200, 200, 200, 200, 200),
    "pilots:detail": (302, 200, 200, 200, 200, 200, 200),
    "pilots:edit": (302, 403, 200, 200, 403, 200, 200),
    "pilots:publish": (302, 405, 405, 405, 405, 405, 405),
    "pilots:unpublish": (302, 405, 405, 405, 405, 405, 405),
    "pilots:archive": (302, 403, 403, 403, 403, 403, 200),
    "pilots:restore": (302, 405, 405, 405, 405, 405, 405),
    "pilots:update": (302, 403, 200, 200, 200, 200, 200),
    "pilots:effect": (302, 403, 200, 200, 403, 200, 200),
    "pilots:hand_over": (302, 403, 200, 200, 403, 200, 200),
    "pilots:report_error": (302, 200, 200, 200, 200, 200, 200),
    "moderation_pilot_report_handled": (302, 405, 405, 405, 405, 405, 405),
    # pilots in admin: moderators keep them; nothing is deleted
    "admin:pilots_pilot_simple_history": (302, 302, 302, 302, 302, 302, 200),
    "admin:pilots_pilot_changelist": (302, 302, 302, 302, 302, 302, 200),
    "admin:pilots_pilot_add": (302, 302, 302, 302, 302, 302, 200),
    "admin:pilots_pilot_history": (302, 302, 302, 302, 302, 302, 200),
    "admin:pilots_pilot_delete": (302, 302, 302, 302, 302, 302, 403),
    "admin:pilots_pilot_change": (302, 302, 302, 302, 302, 302, 200),
    "admin/pilots/pilot/<path:object_id>/": (302, 302, 302, 302, 302, 302, 302),
    "admin:pilots_pilotupdate_simple_history": (302, 302, 302, 302, 302, 302, 200),
    "admin:pilots_pilotupdate_changelist": (302, 302, 302, 302, 302, 302, 200),
    "admin:pilots_pilotupdate_add": (302, 302, 302, 302, 302, 302, 200),
    "admin:pilots_pilotupdate_history": (302, 302, 302, 302, 302, 302, 200),
    "admin:pilots_pilotupdate_delete": (302, 302, 302, 302, 302, 302, 403),
    "admin:pilots_pilotupdate_change": (302, 302, 302, 302, 302, 302, 200),
    "admin/pilots/pilotupdate/<path:object_id>/": (302, 302, 302, 302, 302, 302, 302),
    "admin:pilots_effect_simple_history": (302, 302, 302, 302, 302, 302, 200),
    "admin:pilots_effect_changelist": (302, 302, 302, 302, 302, 302, 200),
    "admin:pilots_effect_add": (302, 302, 302, 302, 302, 302, 200),
    "admin:pilots_effect_history": (302, 302, 302, 302, 302, 302, 200),
    "admin:pilots_effect_delete": (302, 302, 302, 302, 302, 302, 403),
    "admin:pilots_effect_change": (302, 302, 302, 302, 302, 302, 200),
    "admin/pilots/effect/<path:object_id>/": (302, 302, 302, 302, 302, 302, 302),
    "admin:pilots_piloterrorreport_simple_history": (302, 302, 302, 302, 302, 302, 200),
    "admin:pilots_piloterrorreport_changelist": (302, 302, 302, 302, 302, 302, 200),
    "admin:pilots_piloterrorreport_add": (302, 302, 302, 302, 302, 302, 403),
    "admin:pilots_piloterrorreport_history": (302, 302, 302, 302, 302, 302, 200),
    "admin:pilots_piloterrorreport_delete": (302, 302, 302, 302, 302, 302, 403),
    "admin:pilots_piloterrorreport_change": (302, 302, 302, 302, 302, 302, 200),
    "admin/pilots/piloterrorreport/<path:object_id>/": (302, 302, 302, 302, 302, 302, 302),
}


@pytest.fixture
def objects(member, muni_admin, moderator, angelholm, landskrona, other_editor, lead):
    """One real object per admin model, so object pages are asked for something that exists.

    Service pages are asked for a published service of Ängelholm (drafts' visibility has
    tests of its own), with an attachment, a reuse mark by Landskrona and an error report.
    """
    tag = Tag.objects.create(name="språkmodeller")
    service = factories.ServiceFactory(supplier=Supplier.objects.create(name="Leverantören AB"))
    attachment = Attachment.objects.create(
        service=service,
        file=SimpleUploadedFile("plan.pdf", b"%PDF-1.4\n%%EOF\n"),
        name="plan.pdf",
        content_type="application/pdf",
        size=14,
    )
    adoption = Adoption.objects.create(service=service, municipality=landskrona, status="using")
    report = ErrorReport.objects.create(service=service, reporter=other_editor, message="Fel.")
    pilot = factories.PilotFactory(lead=lead)
    pilot.participants.add(landskrona)
    update = PilotUpdate.objects.create(pilot=pilot, date="2026-10-01", text="Läget.", author=lead)
    effect = Effect.objects.create(
        pilot=pilot, metric="Tid", unit="hours", baseline=10, value=8,
        measured_on="2026-10-01", method="Räknat.", author=lead,
    )  # fmt: skip
    pilot_report = PilotErrorReport.objects.create(pilot=pilot, reporter=member, message="Fel.")
    area = Area.objects.first()
    member.profile.listed = True
    member.profile.save()
    requester = factories.member_of("landskrona", email="slutar@landskrona.se")
    deletion = AccountDeletion.objects.create(user=requester, municipality=landskrona)
    competence = Competence.objects.get(slug="sprakmodeller")
    synonyms = SynonymGroup.objects.first()
    for edited in (angelholm, area, competence, synonyms):
        edited.save()  # an edit, so that there is a history row to look at
    return {
        "municipalities_municipality": angelholm,
        "municipalities_membership": member.memberships.get(),
        "municipalities_profile": member.profile,
        "municipalities_area": area,
        "municipalities_competence": competence,
        "hub_synonymgroup": synonyms,
        "municipalities_accountdeletion": deletion,
        "municipalities_user": member,
        "auth_group": Group.objects.get(name=MODERATORS_GROUP),
        "taggit_tag": tag,
        "account_emailaddress": EmailAddress.objects.get(user=member),
        "mfa_authenticator": Authenticator.objects.filter(user=muni_admin).first(),
        "services_aiservice": service,
        "services_supplier": service.supplier,
        "services_adoption": adoption,
        "services_errorreport": report,
        "services_attachment": attachment,
        "pilots_pilot": pilot,
        "pilots_pilotupdate": update,
        "pilots_effect": effect,
        "pilots_piloterrorreport": pilot_report,
    }


def _admin_object(key, objects):
    for model in admin.site._registry:
        label = f"{model._meta.app_label}_{model._meta.model_name}"
        if (
            key.startswith(f"admin:{label}_")
            or f"/{model._meta.app_label}/{model._meta.model_name}/" in key
        ):
            return objects[label]
    raise LookupError(key)


def build_path(key, route, objects):
    """A concrete path for a pattern, with real objects where it takes an id."""
    special = {
        "account_confirm_email": lambda: reverse(key, kwargs={"key": "ogiltig-nyckel"}),
        "account_reset_password_from_key": lambda: reverse(
            key, kwargs={"uidb36": "1", "key": "ogiltig-nyckel"}
        ),
        "admin:view_on_site": lambda: reverse(
            key,
            args=[
                _content_type_id(objects["municipalities_municipality"]),
                objects["municipalities_municipality"].pk,
            ],
        ),
        "admin:app_list": lambda: reverse(key, kwargs={"app_label": "municipalities"}),
        "admin:auth_user_password_change": lambda: reverse(
            key, args=[objects["municipalities_user"].pk]
        ),
        "admin/(?P<url>.*)$": lambda: "/admin/finns-inte/",
    }
    if key in special:
        return special[key]()
    if key == "services:attachment":
        attachment = objects["services_attachment"]
        return reverse(key, kwargs={"slug": attachment.service.slug, "pk": attachment.pk})
    if key == "moderation_report_handled":
        return reverse(key, kwargs={"pk": objects["services_errorreport"].pk})
    if key.startswith("moderation_deletion_"):
        return reverse(key, kwargs={"pk": objects["municipalities_accountdeletion"].pk})
    if key == "person":
        return reverse(key, kwargs={"pk": objects["municipalities_user"].pk})
    if key.startswith("member_"):
        membership = objects["municipalities_membership"]
        return reverse(key, kwargs={"slug": membership.municipality.slug, "pk": membership.pk})
    if key in ("municipality_detail", "municipality_members"):
        return reverse(key, kwargs={"slug": objects["municipalities_municipality"].slug})
    if key == "moderation_pilot_report_handled":
        return reverse(key, kwargs={"pk": objects["pilots_piloterrorreport"].pk})
    if "<slug:slug>" in route and key.startswith("pilots:"):
        return reverse(key, kwargs={"slug": objects["pilots_pilot"].slug})
    if "<slug:slug>" in route:
        return reverse(key, kwargs={"slug": objects["services_aiservice"].slug})
    if key.endswith("_simple_history"):
        obj = _admin_object(key, objects)
        return reverse(key, args=[obj.pk, obj.history.latest("history_id").history_id])
    if "<path:object_id>" in route:
        obj = _admin_object(key, objects)
        if key.startswith("admin:"):
            return reverse(key, kwargs={"object_id": obj.pk})
        return "/" + route.replace("<path:object_id>", str(obj.pk))
    return reverse(key)


def _content_type_id(obj):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj).pk


def test_every_url_pattern_has_a_row_and_every_row_a_pattern():
    keys = [key for key, _route in url_patterns()]

    missing = [key for key in keys if key not in EXPECTED]
    stale = [key for key in EXPECTED if key not in keys]

    assert not missing, f"URLs without a row in the authorization matrix: {missing}"
    assert not stale, f"Rows for URLs that no longer exist: {stale}"
    assert all(len(row) == len(ROLES) for row in EXPECTED.values())


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_each_url_answers_each_role_as_the_matrix_says(role, client_for, objects):
    client = client_for(role)
    column = ROLES.index(role)

    wrong = {}
    for key, route in url_patterns():
        path = build_path(key, route, objects)
        status = client.get(path).status_code
        if status != EXPECTED[key][column]:
            wrong[path] = f"got {status}, expected {EXPECTED[key][column]}"

    assert not wrong, f"{role}: {wrong}"
