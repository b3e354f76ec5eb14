package com.agenthub.shared.payments;

import com.agenthub.shared.errors.ApiError;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The currencies we accept and how their amounts are written in minor units, from one table.
 * Source: Stripe, "Supported currencies" (https://docs.stripe.com/currencies): zero-decimal
 * currencies, three-decimal currencies whose amounts must end in 0, ISK charged in multiples of 100,
 * the per-currency minimum charge amounts, and the 99,999,999 minor-unit maximum (8 digits).
 */
public final class Currencies {

  /** Stripe's maximum amount for one charge, in minor units of any currency. */
  public static final long MAX_AMOUNT = 99_999_999L;

  /**
   * How amounts of one currency are written: {@code exponent} decimals, every amount a multiple of
   * {@code step} minor units, and at least {@code minimum} minor units for a charge.
   */
  public record Currency(String code, int exponent, long step, long minimum) {}

  private static final Map<String, Currency> TABLE = new TreeMap<>();

  static {
    // Two-decimal currencies with Stripe's published minimum charge amounts.
    two("usd", 50); two("eur", 50); two("gbp", 30); two("cad", 50); two("aud", 50); two("chf", 50);
    two("nzd", 50); two("sgd", 50); two("inr", 50); two("brl", 50); two("hkd", 400); two("sek", 300);
    two("nok", 300); two("dkk", 250); two("pln", 200); two("czk", 1500); two("huf", 17500); two("mxn", 1000);
    two("aed", 200); two("myr", 200); two("ron", 200); two("bgn", 100); two("thb", 1000);
    // Zero-decimal: the amount is in whole units (¥100 is 100).
    zero("jpy", 50); zero("krw", 1);
    for (String code : new String[] {"bif", "clp", "djf", "gnf", "kmf", "mga", "pyg", "rwf", "ugx", "vnd", "vuv",
        "xaf", "xof", "xpf"}) {
      zero(code, 1);
    }
    // Three-decimal: the last digit must be 0 (Stripe rounds nothing; it refuses).
    for (String code : new String[] {"bhd", "jod", "kwd", "omr", "tnd"}) {
      TABLE.put(code, new Currency(code, 3, 10, 10));
    }
    // ISK is zero-decimal for Stripe but written with two decimals for compatibility: multiples of 100.
    TABLE.put("isk", new Currency("isk", 2, 100, 100));
  }

  private Currencies() {}

  private static void two(String code, long minimum) {
    TABLE.put(code, new Currency(code, 2, 1, minimum));
  }

  private static void zero(String code, long minimum) {
    TABLE.put(code, new Currency(code, 0, 1, minimum));
  }

  public static Optional<Currency> find(String code) {
    return Optional.ofNullable(TABLE.get(code));
  }

  /** The currency named by a request: ISO 4217, lowercase on the wire as Stripe writes it. */
  public static Currency require(String field, String code) {
    return find(code).orElseThrow(() -> ApiError.invalid(field,
        "'" + field + "' must be a supported ISO 4217 code in lowercase (e.g. usd, eur, jpy); got '" + code + "'"));
  }

  /** Checks an amount to charge; never rounds: a wrong amount is refused naming the rule. */
  public static long requireChargeAmount(String field, long amount, Currency currency) {
    requireWellFormed(field, amount, currency);
    if (amount < currency.minimum()) {
      throw ApiError.invalid(field, "'" + field + "' must be at least " + currency.minimum() + " minor units of "
          + currency.code());
    }
    return amount;
  }

  /** Checks a part of an amount (a capture, a refund): positive, within the maximum, correctly written. */
  public static long requireWellFormed(String field, long amount, Currency currency) {
    if (amount <= 0) {
      throw ApiError.invalid(field, "'" + field + "' must be a positive integer of minor units");
    }
    if (amount > MAX_AMOUNT) {
      throw ApiError.invalid(field, "'" + field + "' must be at most " + MAX_AMOUNT + " minor units");
    }
    if (amount % currency.step() != 0) {
      throw ApiError.invalid(field, "'" + field + "' in " + currency.code() + " must be a multiple of "
          + currency.step() + " minor units (" + describe(currency) + ")");
    }
    return amount;
  }

  private static String describe(Currency currency) {
    return currency.code().equals("isk")
        ? "ISK is charged in whole krónur, written with two decimals"
        : "the last digit of a " + currency.exponent() + "-decimal amount must be 0";
  }

  /** The amount in major units, exactly: 1050 usd is 10.50. */
  public static java.math.BigDecimal major(long amount, String code) {
    return java.math.BigDecimal.valueOf(amount, find(code).map(Currency::exponent).orElse(2));
  }

  static String upper(String code) {
    return code.toUpperCase(Locale.ROOT);
  }
}
