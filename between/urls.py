from django.urls import path

from between import views
from between.accounts import views as accounts
from between.api import api
from between.audit import views as audit
from between.care import views as care
from between.journal import views as journal
from between.safety import views as safety

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("crisis", safety.crisis, name="crisis"),
    path("sw.js", safety.service_worker, name="service_worker"),
    path("crisis-mode/", safety.crisis_mode, name="crisis_mode"),
    path("crisis-mode/saved/", safety.crisis_mode_done, name="crisis_mode_done"),
    path("safety-plan/", safety.plan, name="safety_plan"),
    path("safety-plan/edit/", safety.plan_edit, name="safety_plan_edit"),
    path("safety-plan/versions/", safety.plan_versions, name="safety_plan_versions"),
    path("safety-plan/versions/<int:number>/", safety.plan_version, name="safety_plan_version"),
    path("safety-plan/suggestions/<uuid:pk>/", safety.suggestion_decide,
         name="suggestion_decide"),
    path("safety-plan/plan.pdf", safety.plan_pdf, {"size": "full"}, name="safety_plan_pdf"),
    path("safety-plan/wallet-card.pdf", safety.plan_pdf, {"size": "wallet"},
         name="safety_plan_wallet"),
    path("safety-plan/offline/", safety.plan_offline, name="safety_plan_offline"),
    path("safety-plan/offline-copy/", safety.plan_offline_copy, name="safety_plan_offline_copy"),
    path("manage/", views.manage, name="manage"),
    path("accounts/login/", accounts.login_view, name="login"),
    path("accounts/logout/", accounts.logout_view, name="logout"),
    path("accounts/password-reset/", accounts.password_reset, name="password_reset"),
    path("accounts/password-reset/sent/", accounts.password_reset_sent,
         name="password_reset_done"),
    path("accounts/reset/<uidb64>/<token>/", accounts.password_reset_confirm,
         name="password_reset_confirm"),
    path("accounts/reset/done/", accounts.password_reset_done,
         name="password_reset_complete"),
    path("accounts/mfa/", accounts.mfa, name="mfa"),
    path("accounts/mfa/setup/", accounts.mfa_setup, name="mfa_setup"),
    path("settings/", accounts.settings_view, name="settings"),
    path("settings/password/", accounts.password_change, name="password_change"),
    path("settings/tokens/", accounts.token_create, name="token_create"),
    path("settings/tokens/<uuid:pk>/revoke/", accounts.token_revoke, name="token_revoke"),
    path("sharing/", accounts.sharing, name="sharing"),
    path("sharing/<int:pk>/", accounts.sharing_update, name="sharing_update"),
    path("sharing/<int:pk>/stop/", accounts.sharing_stop, name="sharing_stop"),
    path("privacy/seen/", audit.seen, name="seen"),
    path("journal/", journal.index, name="journal"),
    path("journal/new/", journal.new, name="journal_new"),
    path("journal/<uuid:pk>/", journal.edit, name="journal_edit"),
    path("care/", care.caseload, name="caseload"),
    path("care/clients/<int:client_id>/", care.client_detail, name="care_client"),
    path("care/clients/<int:client_id>/journal/", care.client_journal, name="care_journal"),
    path("care/clients/<int:client_id>/safety-plan/", safety.care_plan,
         name="care_safety_plan"),
    path("api/", api.urls),
]
