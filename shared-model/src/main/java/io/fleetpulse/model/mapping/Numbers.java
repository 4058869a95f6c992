package io.fleetpulse.model.mapping;

import java.math.BigDecimal;

/** DynamoDB number text and range rules. */
public final class Numbers {

    /** DynamoDB keeps up to 38 significant digits. */
    public static final int MAX_PRECISION = 38;
    // Magnitudes DynamoDB accepts: 1E-130 .. 9.9999999999999999999999999999999999999E+125
    private static final BigDecimal MAX_MAGNITUDE = new BigDecimal("9.9999999999999999999999999999999999999E+125");
    private static final BigDecimal MIN_MAGNITUDE = new BigDecimal("1E-130");

    private Numbers() {
    }

    public static boolean storable(BigDecimal value) {
        BigDecimal abs = value.abs();
        if (abs.signum() == 0) {
            return true;
        }
        return abs.compareTo(MIN_MAGNITUDE) >= 0
                && abs.compareTo(MAX_MAGNITUDE) <= 0
                && value.stripTrailingZeros().precision() <= MAX_PRECISION;
    }

    /** Canonical text: plain for everyday magnitudes, scientific only for extreme exponents. */
    public static String toText(BigDecimal value) {
        BigDecimal stripped = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
        int exponent = stripped.precision() - stripped.scale() - 1;
        return exponent > -20 && exponent < 40 ? stripped.toPlainString() : stripped.toString();
    }

    public static BigDecimal toDecimal(Number number) {
        if (number instanceof BigDecimal decimal) {
            return decimal;
        }
        if (number instanceof Double || number instanceof Float) {
            return new BigDecimal(number.toString());
        }
        return new BigDecimal(number.toString());
    }

    /** Bytes DynamoDB counts for a number: about one per two significant digits, plus one. */
    public static int storedSize(BigDecimal value) {
        if (value.signum() == 0) {
            return 2;
        }
        int digits = value.stripTrailingZeros().precision();
        return (digits + 1) / 2 + 1;
    }
}
