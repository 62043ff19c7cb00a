package io.sluice.scan.virus;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

/**
 * Reads signature files in ClamAV's formats from a directory, so administrators can reuse files
 * they already have:
 * <ul>
 *   <li>{@code .hdb} and {@code .hsb}: {@code hash:size:name[:flevel]}; the hash is MD5, SHA-1 or
 *       SHA-256 by its length; size {@code *} matches any size;</li>
 *   <li>{@code .ndb}: {@code name:target:offset:hexsignature[:flevel...]}; every target type is
 *       treated as "any file"; offsets {@code *}, {@code n} and {@code n,shift} are supported.</li>
 * </ul>
 * A line that cannot be used is skipped and counted, never fatal.
 */
public final class SignatureFiles {

    private static final Logger LOG = Logger.getLogger(SignatureFiles.class.getName());

    private SignatureFiles() {
    }

    /** What a load found, for logs and the status API. */
    public record Load(Signatures signatures, int files, int skipped) {
    }

    public static Load load(Path directory) {
        List<BodySignature> bodies = new ArrayList<>();
        Map<String, String> md5 = new HashMap<>();
        Map<String, String> sha1 = new HashMap<>();
        Map<String, String> sha256 = new HashMap<>();
        int files = 0;
        int skipped = 0;
        if (Files.isDirectory(directory)) {
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(directory, "*.{hdb,hsb,ndb}")) {
                for (Path f : dir) {
                    files++;
                    skipped += read(f, bodies, md5, sha1, sha256);
                }
            } catch (IOException e) {
                LOG.warning(() -> "cannot list signature directory " + directory + ": " + e);
            }
        }
        Signatures s = new Signatures(bodies, md5, sha1, sha256, files + " files from " + directory + ": "
                + (bodies.size() + 1) + " body and " + (md5.size() + sha1.size() + sha256.size()) + " hash signatures");
        return new Load(s, files, skipped);
    }

    private static int read(Path file, List<BodySignature> bodies, Map<String, String> md5, Map<String, String> sha1,
                            Map<String, String> sha256) {
        boolean ndb = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".ndb");
        int skipped = 0;
        int lineNo = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String line;
            while ((line = r.readLine()) != null) {
                lineNo++;
                line = line.trim();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                try {
                    if (ndb) {
                        bodies.add(body(line));
                    } else {
                        hash(line, md5, sha1, sha256);
                    }
                } catch (IllegalArgumentException e) {
                    skipped++;
                    int n = lineNo;
                    LOG.fine(() -> file + ":" + n + " skipped: " + e.getMessage());
                }
            }
        } catch (IOException e) {
            LOG.warning(() -> "cannot read signature file " + file + ": " + e);
        }
        if (skipped > 0) {
            int s = skipped;
            LOG.warning(() -> file + ": " + s + " signatures not usable by the embedded engine were skipped");
        }
        return skipped;
    }

    static void hash(String line, Map<String, String> md5, Map<String, String> sha1, Map<String, String> sha256) {
        String[] f = line.split(":");
        if (f.length < 3) {
            throw new IllegalArgumentException("expected hash:size:name");
        }
        String hex = f[0].toLowerCase(Locale.ROOT);
        if (!hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("not a hex digest: " + f[0]);
        }
        String key = f[1].equals("*") ? hex : hex + ":" + Long.parseLong(f[1]);
        Map<String, String> table = switch (hex.length()) {
            case 32 -> md5;
            case 40 -> sha1;
            case 64 -> sha256;
            default -> throw new IllegalArgumentException("digest of unknown length " + hex.length());
        };
        table.put(key, f[2]);
    }

    static BodySignature body(String line) {
        String[] f = line.split(":");
        if (f.length < 4) {
            throw new IllegalArgumentException("expected name:target:offset:hexsignature");
        }
        String offsetSpec = f[2];
        long offset;
        long shift = 0;
        if (offsetSpec.equals("*")) {
            offset = -1;
        } else {
            try {
                int comma = offsetSpec.indexOf(',');
                offset = Long.parseLong(comma < 0 ? offsetSpec : offsetSpec.substring(0, comma));
                shift = comma < 0 ? 0 : Long.parseLong(offsetSpec.substring(comma + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("unsupported offset " + offsetSpec, e);
            }
        }
        return BodySignature.parse(f[0], offset, shift, f[3]);
    }
}
