/**
 * Fake credentials for the secret-scan tests, assembled at run time so the repository itself
 * never contains a string a secret scanner would flag. They match the scanner's patterns and
 * grant nothing.
 */
export const FAKE_AWS_KEY_ID = ["AKIA", "ABCDEFGHIJKLMNOP"].join("");
export const FAKE_API_TOKEN = ["sk", "proj", "abcdefghijklmnopqrstuvwx1234"].join("-");
const armor = (word: "BEGIN" | "END") => `-----${word} RSA ${"PRIVATE"} KEY-----`;
export const FAKE_PRIVATE_KEY = `${armor("BEGIN")}\nMIIE\n${armor("END")}\n`;
