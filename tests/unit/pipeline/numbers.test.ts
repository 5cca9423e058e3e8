import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { parseBudget, parseLatency, parseTraffic } from "../../../server/consultation/rules/extraction/numbers";

describe("numbers in a user's words", () => {
  const traffic: [string, number | undefined][] = [
    ["we get about 2,000 tickets a day", 2000],
    ["5k requests per day", 5000],
    ["about 300 daily users", 300],
    ["around 10k conversations a month", 333],
    ["about 120 requests per hour", 2880],
    ["40 meetings a week", 5.71],
    ["1.5 million queries a month", 50000],
    ["maybe 50 a day", 50],
    ["~5000 events per day", 5000],
    ["300 employees", undefined],
    ["it costs $50 a day", undefined],
    ["the budget is $200 a month", undefined],
  ];
  for (const [text, expected] of traffic) test(`traffic: "${text}"`, () => assert.equal(parseTraffic(text), expected));

  test("a bare number counts as traffic only in answer to the traffic question", () => {
    assert.equal(parseTraffic("around 3000"), undefined);
    assert.equal(parseTraffic("around 3000", true), 3000);
    assert.equal(parseTraffic("a few hundred", true), 300);
    assert.equal(parseTraffic("2k, maybe more", true), 2000);
    assert.equal(parseTraffic("$300", true), undefined);
  });

  const budget: [string, number | undefined][] = [
    ["$200 a month", 200],
    ["budget around $150/month", 150],
    ["the budget is 1.5k usd", 1500],
    ["under 50 dollars monthly", 50],
    ["$2,400 per year", 200],
    ["it may cost $10 a day", 300],
    ["we can spend 300 bucks", 300],
    ["$0.01 per request", undefined],
    ["we sell bikes from $300", undefined],
    ["an agent for our shop, budget 1k/month", 1000],
    ["the budget: 2 million requests", undefined],
  ];
  for (const [text, expected] of budget) test(`budget: "${text}"`, () => assert.equal(parseBudget(text), expected));

  test("a bare amount is the budget in answer to the budget question", () => {
    assert.equal(parseBudget("$80", true), 80);
    assert.equal(parseBudget("$80"), undefined);
  });

  const latency: [string, number | undefined][] = [
    ["it must reply within 2 seconds", 2000],
    ["latency under 800 ms", 800],
    ["responses in less than 1.5s please", 1500],
    ["a timeout of 30 seconds", undefined],
    ["it runs every 5 seconds", undefined],
  ];
  for (const [text, expected] of latency) test(`latency: "${text}"`, () => assert.equal(parseLatency(text), expected));
});
