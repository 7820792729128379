// The explanations `exomock explain` prints and the web page links to. Menu paths and
// labels follow the admin centers as the reference records them
// (/work/shared/reference/evidence/graph-entra-exo.md section 3); cmdlets are Exchange
// Online PowerShell's. Keep each text short: it is read by someone with a device's log open.
#include "policy/reply_explanations.hpp"

#include <iterator>

namespace exomock::policy {
namespace {

using enum reply_stage;

// Bits of auth_check_steps().
constexpr std::uint16_t tls_step = 1U << 0U;
constexpr std::uint16_t credentials_step = 1U << 1U;
constexpr std::uint16_t account_step = 1U << 2U;
constexpr std::uint16_t security_defaults_step = 1U << 3U;
constexpr std::uint16_t conditional_access_step = 1U << 4U;
constexpr std::uint16_t mfa_step = 1U << 5U;
constexpr std::uint16_t policy_step = 1U << 6U;
constexpr std::uint16_t switch_step = 1U << 7U;
constexpr std::uint16_t retirement_step = 1U << 8U;

constexpr std::string_view enable_smtp_auth =
    "Microsoft 365 admin center > Users > Active users > the user > Mail > Manage email apps: "
    "check \"Authenticated SMTP\", Save changes\n"
    "or: Set-CASMailbox -Identity USER -SmtpClientAuthenticationDisabled $false";

constexpr std::string_view not_an_error = "";

// One row per reply_id, in enum order (the name of each is in the comment).
// clang-format off
constexpr reply_explanation explanation_rows[] = {
    /* greeting */ {"The server's greeting: the TCP connection works.", not_an_error, not_an_error, 0, "", connection},
    /* hello_line */ {"EHLO or HELO was accepted; the capability lines follow.", not_an_error, not_an_error, 0, "", connection},
    /* starttls_ready */ {"The server waits for the client's TLS handshake.", not_an_error, not_an_error, 0, "", connection},
    /* starttls_twice */ {"The client sent STARTTLS inside a session that is already encrypted.", "a client bug: it restarts TLS after a successful STARTTLS", "update the device's firmware or SMTP library", 0, "", connection},
    /* service_not_active */ {"The front end is shutting the connection: the service is unavailable for this session.", "the service (or the scenario's fault rule) is not accepting sessions", "retry later; check the Microsoft 365 Service health page", 0, "", connection},
    /* connection_timed_out */ {"The server closed an idle connection.", "the client sent nothing for the idle time-out\nthe client sends too slowly (a byte at a time)", "make the client send its next command promptly; close sessions it does not use", 0, "", connection},
    /* too_many_connections */ {"Too many connections are open from this client.", "the device opens a new connection per message without closing the old ones\nseveral devices behind one address", "close each session with QUIT; send several messages over one session", 0, "concurrency", connection},
    /* tls_legacy_unsupported */ {"The session uses TLS 1.0 or 1.1, which smtp.office365.com refuses at AUTH.", "the device's TLS stack offers nothing newer than TLS 1.1\nthe tenant has not opted in to the legacy endpoint, or the device does not use smtp-legacy.office365.com", "update the firmware to one that speaks TLS 1.2\nor, for a while: Set-TransportConfig -AllowLegacyTLSClients $true (Exchange admin center > Settings > Mail flow: \"Turn on use of legacy TLS clients\") and point the device at smtp-legacy.office365.com", tls_step, "tls10-device legacy-tls-endpoint", auth},
    /* temporary_server_error */ {"A transient failure in the service.", "a front-end or mailbox server problem (or the scenario's fault rule)", "retry later; a client should queue and retry a 4xx reply", 0, "", connection},
    /* auth_username_prompt */ {"AUTH LOGIN's prompt for the user name (base64 \"Username:\").", not_an_error, not_an_error, 0, "", auth},
    /* auth_password_prompt */ {"AUTH LOGIN's prompt for the password (base64 \"Password:\").", not_an_error, not_an_error, 0, "", auth},
    /* auth_empty_challenge */ {"AUTH XOAUTH2's empty challenge: the client sends its token next.", not_an_error, not_an_error, 0, "", auth},
    /* auth_successful */ {"The sign-in worked: the client may send.", not_an_error, not_an_error, 0, "", auth},
    /* auth_unrecognized_type */ {"The AUTH mechanism is not offered here.", "AUTH before STARTTLS: Exchange offers AUTH only inside TLS\na mechanism other than LOGIN and XOAUTH2 (PLAIN, CRAM-MD5, NTLM)", "enable STARTTLS (\"TLS\" or \"STARTTLS\", not \"SSL\") on port 587 and choose LOGIN or OAuth", 0, "starttls-not-enabled", auth},
    /* auth_already_specified */ {"The client authenticated already in this session.", "a second AUTH after 235", "a client bug: authenticate once per session", 0, "", auth},
    /* auth_cancelled */ {"The client cancelled the AUTH dialogue with \"*\".", "the client gave up the dialogue (often when it has no password configured)", "configure the credentials on the device", 0, "", auth},
    /* auth_cannot_decode */ {"An AUTH response was not valid base64.", "the client sent its user name or password unencoded", "a client bug: AUTH LOGIN answers are base64", 0, "", auth},
    /* auth_unsuccessful */ {"An OAuth (XOAUTH2) sign-in failed.", "the token is expired, malformed or for another audience (https://outlook.office.com for delegated, https://outlook.office365.com for app-only)\nthe token lacks SMTP.Send (delegated) or SMTP.SendAsApp (app-only)\nthe user= in the SASL string differs from the token's user\nfor app-only: the service principal has no FullAccess on the mailbox", "request a new token for the right scope (https://outlook.office365.com/.default)\ngrant SMTP.SendAsApp and run Add-MailboxPermission -User SERVICE_PRINCIPAL_ID -AccessRights FullAccess", credentials_step, "basic-retired-oauth", auth},
    /* auth_bad_credentials */ {"Entra ID refused the user name or password.", "a wrong or old password (AADSTS50126)\nan unknown user name: it must be the full UPN, such as scanner@contoso.com (AADSTS50034)", "set the right password on the device, or reset it: Microsoft 365 admin center > Users > Active users > the user > Reset password", credentials_step, "lockout", auth},
    /* auth_disabled_for_tenant */ {"SMTP AUTH is turned off for the whole organization and the mailbox follows it.", "Set-TransportConfig -SmtpClientAuthenticationDisabled $true (the default for tenants created since January 2020)\nthe mailbox's own setting is blank (follows the organization)", "enable it for this mailbox only (recommended): " "Microsoft 365 admin center > Users > Active users > the user > Mail > Manage email apps: check \"Authenticated SMTP\"\nor for the organization: Exchange admin center > Settings > Mail flow: clear \"Turn off SMTP AUTH protocol for your organization\" (Set-TransportConfig -SmtpClientAuthenticationDisabled $false)", switch_step, "tenant-smtp-auth-off mailbox-enabled-under-disabled-tenant", auth},
    /* auth_disabled_for_mailbox */ {"SMTP AUTH is turned off for this mailbox.", "Set-CASMailbox -SmtpClientAuthenticationDisabled $true on the mailbox (\"Authenticated SMTP\" unchecked), which wins over the organization's setting", enable_smtp_auth, switch_step, "mailbox-smtp-auth-off", auth},
    /* auth_basic_disabled */ {"Basic authentication (a password) is blocked for SMTP for this user.", "an authentication policy with AllowBasicAuthSmtp off applies to the user\nBasic SMTP AUTH is off by default for the tenant (the phase from the end of December 2026) and the admin has not turned it back on", "move the device to OAuth (XOAUTH2), or use High Volume Email or Azure Communication Services\nor: Set-AuthenticationPolicy -Identity POLICY -AllowBasicAuthSmtp, or turn Basic SMTP AUTH back on for the tenant", policy_step | retirement_step, "basic-default-off-2026", auth},
    /* auth_security_defaults */ {"Security defaults block legacy (Basic) authentication for the tenant.", "Entra ID security defaults are on: they block SMTP AUTH with a password (AADSTS530035)", "Microsoft Entra admin center > Identity > Overview > Properties > Manage security defaults: Disabled (then protect sign-ins with Conditional Access)\nor move the device to OAuth", security_defaults_step, "security-defaults", auth},
    /* auth_criteria_not_met */ {"Entra ID refused the sign-in after the password was checked: a policy wants what a Basic client cannot give.", "a Conditional Access policy blocks legacy authentication for the user (AADSTS53003)\na Conditional Access policy allows only some locations and the device's IP is outside them (AADSTS53003)\nper-user MFA is enforced and the device sent the account password, not an app password (AADSTS50076)", "exclude the device's account from the policy (Microsoft Entra admin center > Protection > Conditional Access > the policy > Users > Exclude), or add the device's network as a named location\nfor per-user MFA: create an app password and configure it on the device", conditional_access_step | mfa_step, "ca-block-legacy-auth ca-ip-restriction mfa-user app-password", auth},
    /* auth_account_locked */ {"Smart lockout holds the account after too many failed sign-ins.", "the device retries a wrong password (each retry counts; the same wrong password repeated counts once)\nsomeone else is guessing the password", "fix the password on the device, then wait for the lockout to expire or reset it; the lockout lengthens with each round", credentials_step, "lockout", auth},
    /* auth_account_issue */ {"The account cannot sign in.", "the account is disabled (\"Block sign-in\", AADSTS50057)\nit is a shared mailbox, whose sign-in is blocked (AADSTS50057)\nthe password has expired or must be changed at next sign-in (AADSTS50055)", "Microsoft 365 admin center > Users > Active users > the user: unblock sign-in, or reset the password without \"Require this user to change their password when they first sign in\"\nfor a shared mailbox: sign in as a user with Send As permission instead", account_step, "disabled-account expired-password shared-mailbox", auth},
    /* auth_federated_sts_unreachable */ {"The account is federated and its identity provider (AD FS or a third party) did not answer.", "the on-premises federation service is down or unreachable from Microsoft 365", "restore the federation service, or move the domain to managed authentication", credentials_step, "", auth},
    /* auth_basic_retired */ {"Basic authentication for client submission is retired for this tenant.", "Microsoft removed Basic SMTP AUTH: only OAuth (XOAUTH2) works", "move the device or app to OAuth 2.0 (XOAUTH2), or to High Volume Email, Azure Communication Services or an on-premises relay", retirement_step, "basic-retired-oauth", auth},
    /* starttls_required */ {"The client sent MAIL in plaintext: the service requires STARTTLS first.", "STARTTLS (\"TLS\" or \"Use secure connection\") is off on the device", "turn on STARTTLS on port 587 (not \"SSL\"/implicit TLS, which Exchange does not offer)", 0, "starttls-not-enabled", envelope},
    /* not_authenticated */ {"The client sent MAIL without signing in: smtp.office365.com accepts only authenticated submission.", "the device has no user name and password configured (anonymous relay)\nthe device stopped after a refused AUTH and tried to send anyway", "configure SMTP AUTH on the device, or send through Direct Send (TENANT.mail.protection.outlook.com:25, internal recipients only) or a connector", 0, "anonymous-on-587 submission-vs-direct-send", envelope},
    /* sender_ok */ {"MAIL FROM was accepted (send-as is checked after DATA).", not_an_error, not_an_error, 0, "", envelope},
    /* recipient_ok */ {"RCPT TO was accepted.", not_an_error, not_an_error, 0, "", envelope},
    /* too_many_recipients */ {"The message has more recipients than one message may have.", "more recipients than the limit (500 by default, MaxRecipientEnvelopeLimit)", "split the recipients over several messages", 0, "daily-recipient-quota", envelope},
    /* data_start */ {"The server waits for the message.", not_an_error, not_an_error, 0, "", message},
    /* bdat_chunk_received */ {"A BDAT chunk was received.", not_an_error, not_an_error, 0, "", message},
    /* message_accepted */ {"The message was accepted for delivery.", not_an_error, not_an_error, 0, "", message},
    /* size_exceeds_fixed_maximum */ {"The message is larger than the endpoint's fixed maximum (150 MB).", "an attachment or scan too large for any mailbox", "send a smaller file (lower the scan resolution) or a link to it", 0, "message-too-large", message},
    /* header_too_large */ {"The message's header is larger than Exchange allows.", "very many or very long header fields", "a client bug: shorten the header", 0, "", message},
    /* invalid_content */ {"The message's content breaks the format Exchange accepts.", "a text line longer than 1000 octets\nmore than one From field", "a client bug: wrap long lines (or use quoted-printable or base64) and write one From field", 0, "", message},
    /* max_submission_exceeded */ {"The message is larger than the sender's send limit (MaxSendSize, 35 MB by default).", "a scan or attachment above the mailbox's MaxSendSize", "send a smaller file, or raise the limit: Set-Mailbox -Identity USER -MaxSendSize 150MB", 0, "message-too-large", message},
    /* send_as_denied */ {"The signed-in user may not send as the From address.", "the device signs in as one mailbox and writes another address in From (or Sender)\nthe login has no Send As (or Send on Behalf) permission on that address", "make From the login's own address, or grant the permission: Exchange admin center > Recipients > Mailboxes > the mailbox > Delegation > Send as (Add-RecipientPermission -AccessRights SendAs)", 0, "send-as shared-mailbox", message},
    /* concurrent_connections_exceeded */ {"The mailbox has more than 3 connections submitting at once.", "several devices or threads share one mailbox and send in parallel", "send over at most 3 connections per mailbox, or spread devices over several mailboxes", 0, "concurrency", message},
    /* submission_quota_exceeded */ {"The mailbox has reached its recipient rate limit (10,000 recipients in 24 hours).", "the device or app sent to too many recipients in the last 24 hours (a sliding window)", "wait until earlier sends leave the 24-hour window; use High Volume Email or Azure Communication Services for bulk mail", 0, "daily-recipient-quota", message},
    /* mailbox_full */ {"The sending mailbox is over its storage quota.", "the Sent Items or the mailbox is full", "empty the mailbox or raise its quota (Set-Mailbox -ProhibitSendQuota)", 0, "", message},
    /* throttled_mailbox_full */ {"Exchange throttles the sender after repeated mailbox-full errors.", "the sender kept sending while its mailbox was full", "fix the mailbox quota, then wait for the throttling to end", 0, "", message},
    /* throttled_send_as_denied */ {"Exchange throttles the sender after repeated send-as denials.", "the device kept sending with a From it may not use", "fix the From address or the permission, then wait", 0, "send-as", message},
    /* throttled_invalid_license */ {"Exchange throttles the sender after repeated licence errors.", "the mailbox has no Exchange Online licence", "assign a licence to the user", 0, "", message},
    /* throttled_too_many_recipients */ {"Exchange throttles the sender after repeated too-many-recipients errors.", "the device kept sending above the recipient limits", "lower the recipients per message and per day", 0, "daily-recipient-quota", message},
    /* throttled_invalid_recipients */ {"Exchange throttles the sender after repeated invalid-recipient errors.", "the device kept sending to addresses that do not exist", "clean the recipient list", 0, "", message},
    /* tenant_external_limit */ {"The tenant reached its daily limit of external recipients.", "the organization as a whole sent to too many external recipients today", "wait for the limit to reset; move bulk mail to a bulk service", 0, "", message},
    /* submission_rate_exceeded */ {"The client sent more messages per minute than the limit.", "more than 30 messages a minute from one mailbox (the scenario rejects instead of delaying)", "send more slowly; today's service accepts and delays the extra messages", 0, "thirty-per-minute", message},
    /* mx_message_queued */ {"The MX endpoint accepted the message for delivery.", not_an_error, not_an_error, 0, "", mx},
    /* relay_access_denied */ {"The MX endpoint does not relay to this recipient.", "Direct Send reaches only the tenant's own accepted domains\nno inbound connector matches the client's IP or certificate", "send to internal recipients only, or create a connector: Exchange admin center > Mail flow > Connectors > Your organization's email server to Office 365, by IP address or certificate", 0, "direct-send-internal connector-relay", mx},
    /* direct_send_not_allowed */ {"The tenant rejects Direct Send: anonymous mail from its own domain without a connector.", "Set-OrganizationConfig -RejectDirectSend $true and no inbound connector matches the device", "create an inbound connector for the device's IP or certificate, or Set-OrganizationConfig -RejectDirectSend $false", 0, "reject-direct-send", mx},
    /* server_busy */ {"The MX endpoint is busy and defers the client.", "Exchange Online Protection throttles the source address", "retry later; a sending server queues and retries", 0, "", mx},
    /* ip_access_denied */ {"The MX endpoint refuses traffic from this IP.", "the source address is on Microsoft's block list", "delist the IP through the Office 365 Anti-Spam IP Delist Portal", 0, "", mx},
    /* resetting */ {"RSET was accepted.", not_an_error, not_an_error, 0, "", command},
    /* noop_ok */ {"NOOP was accepted.", not_an_error, not_an_error, 0, "", command},
    /* closing */ {"The server closes the session after QUIT.", not_an_error, not_an_error, 0, "", command},
    /* cannot_vrfy */ {"VRFY is not answered; the address may still be valid.", not_an_error, not_an_error, 0, "", command},
    /* expn_not_implemented */ {"EXPN is not offered.", "the client asked to expand a list", "nothing to fix: Exchange does not expand lists", 0, "", command},
    /* help */ {"The server's HELP text.", not_an_error, not_an_error, 0, "", command},
    /* unrecognized_command */ {"The server did not recognize the command.", "a typo or an unsupported command\nTLS bytes sent to a plaintext port (implicit TLS \"SSL\" on 587)", "check the device's port and security setting: 587 with STARTTLS", 0, "port-465", command},
    /* command_too_long */ {"The command line is longer than the server accepts.", "a client bug, or binary data sent as a command", "a client bug: send commands of at most 512 octets", 0, "", command},
    /* invalid_domain_name */ {"The EHLO or HELO argument is not a valid domain or address literal.", "the device sends an empty or malformed host name", "set a host name on the device", 0, "", command},
    /* invalid_sender_address */ {"The MAIL FROM address is malformed.", "a missing or malformed address between < and >", "configure a full sender address such as scanner@contoso.com", 0, "", envelope},
    /* invalid_recipient_address */ {"The RCPT TO address is malformed.", "a missing or malformed address between < and >", "check the recipient address", 0, "", envelope},
    /* invalid_arguments */ {"A MAIL or RCPT parameter has a bad value or is given twice.", "a malformed SIZE, BODY, RET, ENVID, NOTIFY or ORCPT value", "a client bug", 0, "", envelope},
    /* unrecognized_parameter */ {"A MAIL or RCPT parameter is unknown.", "the client sent an extension parameter Exchange does not offer", "a client bug", 0, "", envelope},
    /* non_ascii_sender */ {"The sender address has non-ASCII characters but MAIL lacks SMTPUTF8.", "an internationalized address without the SMTPUTF8 parameter", "a client bug: add SMTPUTF8 to MAIL FROM", 0, "", envelope},
    /* non_ascii_recipient */ {"The recipient address has non-ASCII characters but MAIL lacked SMTPUTF8.", "an internationalized address without the SMTPUTF8 parameter", "a client bug: add SMTPUTF8 to MAIL FROM", 0, "", envelope},
    /* need_hello */ {"The client skipped EHLO or HELO.", "a client bug", "send EHLO first", 0, "", command},
    /* need_mail */ {"RCPT or DATA came before MAIL FROM.", "a client bug, or MAIL FROM was refused and the client went on", "read the earlier refusal in the transcript", 0, "", command},
    /* need_rcpt */ {"DATA came before any accepted RCPT TO.", "every RCPT was refused and the client went on", "read the earlier refusal in the transcript", 0, "", command},
    /* sender_already_specified */ {"A second MAIL FROM inside one transaction.", "a client bug (RSET comes between two messages)", "a client bug", 0, "", command},
    /* bad_sequence */ {"The command is not allowed at this point of the session.", "a client bug, or a command after a refusal the client ignored", "read the earlier refusal in the transcript", 0, "", command},
};
// clang-format on
static_assert(std::size(explanation_rows) == static_cast<std::size_t>(reply_id::bad_sequence) + 1,
              "one explanation per reply, in the catalogue's order");

constexpr std::string_view reply_stage_names[] = {"connection", "auth", "envelope",
                                                  "message",    "mx",   "command"};
static_assert(std::size(reply_stage_names) == static_cast<std::size_t>(reply_stage::command) + 1);

}  // namespace

const reply_explanation& explanation(reply_id id) {
  return explanation_rows[static_cast<std::size_t>(id)];
}

std::string_view stage_name(reply_stage stage) {
  return reply_stage_names[static_cast<std::size_t>(stage)];
}

bool is_failure(reply_id id) {
  return entry(id).code >= 400;
}

}  // namespace exomock::policy
