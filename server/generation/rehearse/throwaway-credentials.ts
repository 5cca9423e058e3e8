/**
 * Not credentials of any account: the AWS SDK refuses to send unsigned requests, and only the
 * rehearsal's loopback stand-ins receive them (the gateway stand-in checks signatures made with them).
 */
export const THROWAWAY = { accessKeyId: "REHEARSALLOCALONLY", secretAccessKey: "rehearsal-local-only" };

/** The same pair as the generated code's AWS SDK reads it from its environment. */
export const THROWAWAY_CREDENTIALS = { AWS_ACCESS_KEY_ID: THROWAWAY.accessKeyId, AWS_SECRET_ACCESS_KEY: THROWAWAY.secretAccessKey };
