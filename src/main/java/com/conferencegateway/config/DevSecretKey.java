package com.conferencegateway.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Dev mode's GATEWAY_SECRET_KEY: generated once per data directory and kept beside it, so that
 * what the gateway encrypted into the embedded broker can be read again after a restart.
 */
public final class DevSecretKey {
  private DevSecretKey() {}

  public static String loadOrCreate(Path kafkaDataDir) {
    Path parent = kafkaDataDir.toAbsolutePath().getParent();
    Path file = parent.resolve(kafkaDataDir.getFileName() + ".secret-key");
    try {
      if (Files.isRegularFile(file)) {
        return Files.readString(file, StandardCharsets.US_ASCII).trim();
      }
      Files.createDirectories(parent);
      byte[] key = new byte[32];
      new SecureRandom().nextBytes(key);
      String encoded = Base64.getEncoder().encodeToString(key);
      Files.writeString(file, encoded + "\n", StandardCharsets.US_ASCII);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // Not a POSIX file system; the file stays as created.
      }
      return encoded;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the dev-mode secret key in " + file, e);
    }
  }

  /** The key's 32 bytes, validated as GATEWAY_SECRET_KEY is. */
  public static byte[] decode(String base64) {
    return ConfigValidator.secretKey(base64);
  }
}
