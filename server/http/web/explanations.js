// Why an SMTP reply refused a client, and what an admin changes: the one place this
// wording lives (the Help view shows it, Sessions and Sign-ins link to it). Each entry
// is found by its reply code, enhanced status and a phrase of its text, as Exchange
// Online words them (server/policy/reply_catalogue.cpp holds exomock's copies); causes
// and fixes follow Microsoft's Exchange and Entra documentation, with this page's Admin
// center named where the control is on it.
export const explanations = [
  {
    key: 'smtp-auth-disabled-tenant',
    match: /^535 5\.7\.139 .*disabled for the Tenant/,
    title: '535 5.7.139 SmtpClientAuthentication is disabled for the Tenant',
    cause: 'SMTP AUTH is turned off for the organization (Set-TransportConfig -SmtpClientAuthenticationDisabled $true, the default for organizations created after January 2020), and the mailbox follows the organization setting.',
    fix: 'In the Exchange admin center, go to Settings > Mail flow and clear "Turn off SMTP AUTH protocol for your organization", or turn on Authenticated SMTP for this mailbox only: Microsoft 365 admin center > Users > Active users > the user > Mail > Manage email apps > Authenticated SMTP (Set-CASMailbox -Identity USER -SmtpClientAuthenticationDisabled $false). Both are in the Admin center view here.',
  },
  {
    key: 'smtp-auth-disabled-mailbox',
    match: /^535 5\.7\.139 .*disabled for the Mailbox/,
    title: '535 5.7.139 SmtpClientAuthentication is disabled for the Mailbox',
    cause: 'Authenticated SMTP is turned off for this mailbox (Set-CASMailbox -SmtpClientAuthenticationDisabled $true), whatever the organization setting is.',
    fix: 'In the Microsoft 365 admin center, go to Users > Active users > the user > Mail > Manage email apps, select Authenticated SMTP and Save changes (Set-CASMailbox -Identity USER -SmtpClientAuthenticationDisabled $false, or $null to follow the organization).',
  },
  {
    key: 'credentials-incorrect',
    match: /^535 5\.7\.139 .*credentials were incorrect/,
    title: '535 5.7.139 the user credentials were incorrect',
    cause: 'Entra ID refused the user name or password (sign-in error code 50126, or 50034 when the user does not exist). Ten wrong passwords in a row lock the account (smart lockout).',
    fix: 'Check that the device uses the full user principal name and the current password; an account with per-user MFA needs an app password instead. Reset the password in the Microsoft 365 admin center if it is not known.',
  },
  {
    key: 'account-locked',
    match: /^535 5\.7\.139 .*account locked/,
    title: '535 5.7.139 account locked',
    cause: 'Entra smart lockout locked the account after repeated failed sign-ins (error code 50053). Each lockout lasts longer than the one before.',
    fix: 'Correct the password stored on the device first, then wait for the lockout to end or unlock the account (Reset lockout in the Admin center view).',
  },
  {
    key: 'account-issue',
    match: /^535 5\.7\.139 .*account has an issue/,
    title: '535 5.7.139 account has an issue',
    cause: 'The account is disabled (sign-in blocked, error code 50057) or its password has expired (50055).',
    fix: 'In the Microsoft 365 admin center, unblock sign-in for the user (Account enabled in the Admin center view), or reset the password.',
  },
  {
    key: 'basic-auth-disabled',
    match: /^535 5\.7\.139 .*basic authentication is disabled/,
    title: '535 5.7.139 basic authentication is disabled',
    cause: 'An authentication policy assigned to the user blocks Basic authentication for SMTP (Set-AuthenticationPolicy -AllowBasicAuthSmtp:$false), or Basic authentication for SMTP AUTH is turned off for the tenant.',
    fix: 'Move the client to OAuth (AUTH XOAUTH2), or allow Basic authentication for SMTP in the policy (Set-AuthenticationPolicy -AllowBasicAuthSmtp) or in the Basic authentication setting of the Admin center view.',
  },
  {
    key: 'security-defaults',
    match: /^535 5\.7\.139 .*security defaults/,
    title: '535 5.7.139 user is locked by your organization\'s security defaults policy',
    cause: 'Security defaults are enabled for the tenant, and they block legacy authentication protocols such as SMTP AUTH with a password.',
    fix: 'Use OAuth, or in the Microsoft Entra admin center go to Identity > Overview > Properties > Manage security defaults and set Security defaults to Disabled (then protect the tenant with Conditional Access).',
  },
  {
    key: 'criteria-not-met',
    match: /^535 5\.7\.139 .*did not meet the criteria/,
    title: '535 5.7.139 the request did not meet the criteria to be authenticated successfully',
    cause: 'A Conditional Access policy blocked the sign-in (legacy authentication blocked, multifactor authentication required, or a location outside the allowed named locations), or per-user MFA is enforced for the user (error code 53003 or 50076).',
    fix: 'Open the sign-in in the Sign-in logs and read its Conditional Access result; exclude the device\'s account or location from the policy, set the policy to Off or Report-only, or give a per-user MFA user an app password.',
  },
  {
    key: 'federated-sts',
    match: /^535 5\.7\.139 .*federated STS/,
    title: '535 5.7.139 federated STS service was unreachable',
    cause: 'The user\'s domain is federated and its identity provider did not answer.',
    fix: 'Check the federation service (AD FS or the third-party identity provider) and its connectivity.',
  },
  {
    key: 'oauth-unsuccessful',
    match: /^535 5\.7\.3 /,
    title: '535 5.7.3 Authentication unsuccessful',
    cause: 'The OAuth access token was refused: expired, for another audience, without the SMTP.Send (delegated) or SMTP.SendAsApp (application) permission, or the application\'s service principal has no FullAccess on the mailbox.',
    fix: 'Request a new token for https://outlook.office.com/SMTP.Send (or .default with SMTP.SendAsApp for an app), grant admin consent, and register the service principal in Exchange with FullAccess on the mailbox (Add-MailboxPermission).',
  },
  {
    key: 'basic-auth-retired',
    match: /^550 5\.7\.30 /,
    title: '550 5.7.30 Basic authentication is not supported for Client Submission',
    cause: 'Basic authentication for SMTP AUTH has been retired for this tenant: a user name and password are no longer accepted.',
    fix: 'Move the client to OAuth, or to High Volume Email or Azure Communication Services Email when it cannot do OAuth.',
  },
  {
    key: 'legacy-tls',
    match: /^421 4\.7\.66 /,
    title: '421 4.7.66 TLS 1.0 and 1.1 are not supported',
    cause: 'The client negotiated TLS 1.0 or 1.1, which smtp.office365.com no longer accepts for SMTP AUTH.',
    fix: 'Update the device to TLS 1.2. Until then, an organization can opt in to the legacy endpoint: in the Exchange admin center, Settings > Mail flow > "Turn on use of legacy TLS clients" (Set-TransportConfig -AllowLegacyTLSClients $true), and point the device at smtp-legacy.office365.com.',
  },
  {
    key: 'not-authenticated',
    match: /^530 5\.7\.57 /,
    title: '530 5.7.57 Client not authenticated to send mail',
    cause: 'The client sent MAIL FROM without authenticating first; client submission (port 587) needs SMTP AUTH.',
    fix: 'Configure the device to sign in (user name and password, or OAuth) on smtp.office365.com port 587 with STARTTLS, or send through the MX endpoint (direct send or a connector) instead.',
  },
  {
    key: 'starttls-required',
    match: /^451 5\.7\.3 STARTTLS/,
    title: '451 5.7.3 STARTTLS is required to send mail',
    cause: 'The client sent MAIL FROM over a connection that never started TLS.',
    fix: 'Turn on STARTTLS (sometimes labelled TLS or "SSL/TLS if available") in the device\'s SMTP settings.',
  },
];

// The explanation of reply line TEXT ("535 5.7.139 ..."), or undefined.
export function explain(text) {
  return explanations.find((e) => e.match.test(text || ''));
}
