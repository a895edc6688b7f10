package io.github.smtpreply.input;

/**
 * Where a log follower stands in a file, and how to recognise that file again: its identity
 * (inode/file key) and a fingerprint of its first bytes, as log shippers do, since a file truncated
 * in place (copytruncate) keeps its key, and a rotated copy has a new one.
 *
 * @param fileKey the file's identity as {@code BasicFileAttributes.fileKey()} prints it
 * @param offset bytes of the file already handed on (just after the last complete line)
 * @param fingerprintLength how many first bytes the fingerprint covers, at most {@link
 *     FileFollower#FINGERPRINT_BYTES}; 0 for none
 * @param fingerprint hex SHA-256 of those bytes, empty when the length is 0
 */
record FilePosition(String fileKey, long offset, int fingerprintLength, String fingerprint) {
  FilePosition {
    if (offset < 0 || fingerprintLength < 0 || fingerprintLength > FileFollower.FINGERPRINT_BYTES) {
      throw new IllegalArgumentException(
          "bad position: offset " + offset + ", fingerprint length " + fingerprintLength);
    }
    if (fileKey.contains("\t") || fileKey.contains("\n")) {
      throw new IllegalArgumentException("file key with a tab or newline: " + fileKey);
    }
  }
}
