package dev.holdout.train;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** SHA-256 of a table's column names and values (numbers by their bits, the rest as text): equal data, equal fingerprint. */
final class Fingerprint {
    private Fingerprint() {}

    static String of(Table table) {
        MessageDigest md = sha256();
        byte[] buf = new byte[8];
        for (Column<?> c : table.columns()) {
            md.update(c.name().getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            if (c instanceof NumericColumn<?> n) {
                for (int r = 0; r < n.size(); r++) {
                    long bits = n.isMissing(r) ? 0x7ff8000000000000L : Double.doubleToLongBits(n.getDouble(r));
                    for (int i = 0; i < 8; i++) buf[i] = (byte) (bits >>> (8 * i));
                    md.update(buf);
                }
            } else {
                for (int r = 0; r < c.size(); r++) {
                    md.update(c.getString(r).getBytes(StandardCharsets.UTF_8));
                    md.update((byte) 0);
                }
            }
        }
        return "sha256:" + HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
