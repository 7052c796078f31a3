// Absolute links that account mails carry.
export function accountLinks(baseUrl: string) {
  return {
    verify: (token: string) => `${baseUrl}/account/verify?token=${encodeURIComponent(token)}`,
    emailChange: (token: string) => `${baseUrl}/account/email/confirm?token=${encodeURIComponent(token)}`,
    reset: (token: string) => `${baseUrl}/reset-password?token=${encodeURIComponent(token)}`,
    login: () => `${baseUrl}/login`,
    forgot: () => `${baseUrl}/forgot-password`,
    account: () => `${baseUrl}/account`,
  };
}
