package io.github.smtpreply.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Reading a line from its bytes gives what reading the decoded line gives, line for line and with
 * the parsers' state (the attempts remembered per process) carried the same way: over every log
 * fixture, the bundled demo log, the non-event lines Postfix writes around deliveries (the shapes
 * scripts/bench-ingest.sh's mixed log holds), and lines on the edges of the byte reading.
 */
class ByteReadTest {

  @Test
  void postfixBytesReadAsTheDecodedLine() throws Exception {
    List<byte[]> lines = lines();
    for (ZoneId zone : List.of(ZoneOffset.UTC, ZoneId.of("Europe/Berlin"))) {
      assertSame(new PostfixLogParser(zone), new PostfixLogParser(zone), lines, 90);
    }
  }

  @Test
  void eximBytesReadAsTheDecodedLine() throws Exception {
    assertSame(new EximLogParser(ZoneOffset.UTC), new EximLogParser(ZoneOffset.UTC), lines(), 10);
  }

  @Test
  void theByteReadingAnswersMostNonEventLinesWithoutDecoding() {
    // Not a timing: the shapes that must take the byte path, so that the speed is not lost unseen.
    for (String line : NON_EVENTS) {
      byte[] b = line.getBytes(StandardCharsets.UTF_8);
      assertThat(PostfixLogParser.mayHoldEvent(b, 0, b.length)).as(line).isFalse();
      assertThat(new SyslogBytes(ZoneOffset.UTC).program(b, 0, b.length))
          .as(line)
          .isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void eightBytesAtATimeFindWhatALoopFinds() throws Exception {
    for (byte[] line : lines()) {
      for (byte c : new byte[] {'\n', '=', 'j', ' ', (byte) 0xC3, (byte) 0xE9, 0}) {
        for (int from = 0; from <= line.length; from += 3) {
          for (int to = from; to <= line.length; to += 1 + line.length / 7) {
            int expected = -1;
            for (int i = from; i < to; i++) {
              if (line[i] == c) {
                expected = i;
                break;
              }
            }
            assertThat(Bytes.indexOf(line, from, to, c)).isEqualTo(expected);
          }
        }
      }
      for (int from = 0; from <= line.length; from += 2) {
        for (int to = from; to <= line.length; to += 1 + line.length / 11) {
          boolean ascii = true;
          for (int i = from; i < to; i++) {
            ascii &= line[i] >= 0;
          }
          assertThat(Bytes.isAscii(line, from, to)).isEqualTo(ascii);
        }
      }
    }
  }

  private static void assertSame(
      LogParser fromBytes, LogParser fromText, List<byte[]> lines, int minEvents) {
    int events = 0;
    for (byte[] b : lines) {
      // the line inside a larger buffer, as the readers hand it on
      byte[] framed = new byte[b.length + 7];
      System.arraycopy(b, 0, framed, 3, b.length);
      framed[2] = '\n';
      framed[b.length + 3] = '\n';
      LogParser.Line viaBytes = fromBytes.read(framed, 3, 3 + b.length);
      LogParser.Line viaText = fromText.read(new String(b, StandardCharsets.UTF_8));
      assertThat(viaBytes).as(new String(b, StandardCharsets.UTF_8)).isEqualTo(viaText);
      if (viaText.event() != null) {
        events++;
      }
    }
    assertThat(events).isGreaterThanOrEqualTo(minEvents);
  }

  static List<byte[]> lines() throws IOException, URISyntaxException {
    List<byte[]> lines = new ArrayList<>();
    Path dir = Path.of(ByteReadTest.class.getResource("/fixtures/logs").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        split(Files.readAllBytes(f), lines);
      }
    }
    try (InputStream in =
        ByteReadTest.class.getResourceAsStream("/fixtures/logs/sample-mail.log")) {
      split(in.readAllBytes(), lines);
    }
    for (String line : NON_EVENTS) {
      lines.add(line.getBytes(StandardCharsets.UTF_8));
    }
    for (String line : EDGES) {
      lines.add(line.getBytes(StandardCharsets.UTF_8));
    }
    // malformed UTF-8 in the stamp, the host, the program and the message
    ByteArrayOutputStream bad = new ByteArrayOutputStream();
    for (String line : NON_EVENTS) {
      byte[] b = line.getBytes(StandardCharsets.UTF_8);
      for (int at : new int[] {1, 5, 17, 22, 30, b.length - 2}) {
        bad.reset();
        bad.write(b, 0, at);
        bad.write(0xC3);
        bad.write(b, at, b.length - at);
        lines.add(bad.toByteArray());
        byte[] replaced = b.clone();
        replaced[at] = (byte) 0xE9;
        lines.add(replaced);
      }
    }
    return lines;
  }

  private static void split(byte[] all, List<byte[]> lines) {
    int start = 0;
    for (int i = 0; i < all.length; i++) {
      if (all[i] == '\n') {
        int end = i > start && all[i - 1] == '\r' ? i - 1 : i;
        lines.add(java.util.Arrays.copyOfRange(all, start, end));
        start = i + 1;
      }
    }
    if (start < all.length) {
      lines.add(java.util.Arrays.copyOfRange(all, start, all.length));
    }
  }

  /** Non-event lines in the formats Postfix writes them (as quoted in the fixtures' threads). */
  static final List<String> NON_EVENTS =
      List.of(
          "Nov 22 04:55:20 mx1 postfix/postscreen[1801]: CONNECT from [192.0.2.1]:40000 to"
              + " [198.51.100.25]:25",
          "Nov 22 04:55:20 mx1 postfix/postscreen[1801]: PASS OLD [192.0.2.1]:40000",
          "Nov 22 04:55:20 mx1 postfix/smtpd[1802]: connect from mail.example.org[192.0.2.1]",
          "Nov 22 04:55:20 mx1 postfix/smtpd[1802]: Anonymous TLS connection established from"
              + " mail.example.org[192.0.2.1]: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256"
              + " bits)",
          "Nov 22 04:55:20 mx1 postfix/smtpd[1802]: 0000000001: client=mail.example.org[192.0.2.1]",
          "Nov 22 04:55:20 mx1 postfix/cleanup[1803]: 0000000001: message-id=<x@example.org>",
          "Nov 22 04:55:20 mx1 postfix/qmgr[1804]: 0000000001: from=<sender@example.org>,"
              + " size=9334, nrcpt=1 (queue active)",
          "Nov 22 04:55:20 mx1 postfix/smtpd[1802]: disconnect from mail.example.org[192.0.2.1]"
              + " ehlo=1 mail=1 rcpt=1 data=1 quit=1 commands=5",
          "Nov 22 04:55:21 mx1 postfix/smtp[1805]: Verified TLS connection established to"
              + " mx.example.com[203.0.113.26]:25: TLSv1.3 with cipher TLS_AES_256_GCM_SHA384"
              + " (256/256 bits)",
          "Nov 22 04:55:21 mx1 postfix/qmgr[1804]: 0000000001: removed",
          "Nov 22 04:58:41 mx1 postfix/anvil[1806]: statistics: max connection rate 2/60s for"
              + " (smtp:192.0.2.1) at Nov 22 04:55:20",
          "2026-11-22T04:55:20.123456+01:00 mx1 postfix/qmgr[1804]: 0000000001: removed",
          "2026-11-22T04:55:20.123457+01:00 mx1 postfix/qmgr[1804]: 0000000002: removed",
          "2026-11-22T04:55:20+0100 mx1 postfix/qmgr[1804]: 0000000002: removed",
          "2026-11-22T04:55:21Z mx1 postfix-out/qmgr[1804]: 0000000002: removed",
          "Nov  2 04:55:21 mx1 mail/qmgr[1804]: 0000000001: removed",
          "Nov 22 04:55:21.123456 mx1 dovecot[1804]: imap-login: Login: user=<a>",
          "Nov 22 04:55:21 mx1 CRON[1804]: (root) CMD (run-parts /etc/cron.hourly)",
          "Nov 22 04:55:21 mx1 kernel: [12345.678] eth0: link up");

  /** Lines on the edges of the byte reading: each must read as the decoded line does. */
  static final List<String> EDGES =
      List.of(
          "",
          "Nov",
          "Nov 22 04:55:20",
          "Nov 22 04:55:20 mx1",
          "Nov 22 04:55:20 mx1 postfix/qmgr[1]:",
          "Nov 22 04:55:20 mx1 postfix/qmgr[1]: ",
          "Nov 31 04:55:20 mx1 postfix/qmgr[1804]: 0000000001: removed",
          "Feb 29 04:55:20 mx1 postfix/qmgr[1804]: 0000000001: removed",
          "Foo 22 04:55:20 mx1 postfix/qmgr[1804]: 0000000001: removed",
          "Nov 22 25:55:20 mx1 postfix/qmgr[1804]: 0000000001: removed",
          "Nov 22 04:55:20 mx1 postfix/qmgr[1804] 0000000001: removed",
          "Nov 22 04:55:20 mx1 post fix/qmgr[1804]: 0000000001: removed",
          "Nov 22 04:55:20 mx1 [1804]: 0000000001: removed",
          "Nov 22 04:55:20 mx1 postfix/qmgr: 0000000001: removed",
          "Nov 22 04:55:20 mx1 postfix/qmgr[1804: 0000000001: removed",
          "Nov 22 04:55:20 mx1 /qmgr[1804]: 0000000001: removed",
          "Nov 22 04:55:20 mx1 x/y/qmgr[1804]: 0000000001: removed",
          "Nov 22 04:55:20 mx1 x/y/notadaemon[1804]: 0000000001: removed",
          "Nov 22 04:55:20  postfix/qmgr[1804]: 0000000001: removed",
          "2026-13-22T04:55:20Z mx1 postfix/qmgr[1804]: 0000000001: removed",
          "2026-11-22T04:55:20.Z mx1 postfix/qmgr[1804]: 0000000001: removed",
          "2026-11-22T04:55:20.12x+01:00 mx1 postfix/qmgr[1804]: 0000000001: removed",
          "2026-11-22T04:55:20+01:00:00 mx1 postfix/qmgr[1804]: 0000000001: removed",
          "2026-11-22T04:55 mx1 postfix/qmgr[1804]: 0000000001: removed",
          "<22>Nov 22 04:55:20 mx1 postfix/qmgr[1804]: 0000000001: removed",
          "<22>1 2026-11-22T04:55:20Z mx1 postfix/qmgr 1804 - - 0000000001: removed",
          "postfix/qmgr[1804]: 0000000001: removed",
          "0000000001: removed",
          "Nov 22 04:55:20 mx1 postfix/smtp[1805]: 0000000001: host mx.example.com[192.0.2.1]"
              + " said: 451 4.3.0 try again (in reply to RCPT TO command)",
          "Nov 22 04:55:20 mx1 postfix/smtpd[1805]: too many errors after RCPT from"
              + " unknown[192.0.2.1]",
          "Nov 22 04:55:20 mx1 postfix/smtpd[1805]: improper command pipelining after CONNECT from"
              + " unknown[192.0.2.1]: EHLO x\\r\\n",
          "Nov 22 04:55:20 mx1 postfix/smtp[1805]: 0000000001: lost connection with"
              + " mx.example.com[192.0.2.1] while receiving the initial server greeting",
          "Nov 22 04:55:20 mx1 postfix/smtp[1805]: 0000000001: conversation with"
              + " mx.example.com[192.0.2.1] timed out while sending RCPT TO",
          "Nov 22 04:55:20 mx1 postfix/smtp[1805]: connect to mx.example.com[192.0.2.1]:25:"
              + " Connection refused",
          "Nov 22 04:55:20 mx1 postfix/cleanup[1805]: 0000000001: milter-reject: END-OF-MESSAGE"
              + " from x[192.0.2.1]: 5.7.1 Spam; from=<a@b> to=<c@d> proto=ESMTP helo=<x>",
          "Nov 22 04:55:20 mx1 postfix/smtpd[1805]: NOQUEUE: reject_warning: RCPT from"
              + " x[192.0.2.1]: 450 4.1.8 <a@b>: Sender address rejected: Domain not found;"
              + " from=<a@b> to=<c@d> proto=ESMTP helo=<x>",
          // Rejects read from their bytes, and the shapes left to the decoded line.
          "Nov 22 04:55:20 mx1 postfix/smtpd[1805]: NOQUEUE: reject: RCPT from x[192.0.2.1]: 554"
              + " 5.7.1 <c@d>: Relay access denied; from=<a@b> to=<c@d> proto=ESMTP helo=<x>",
          "Nov 22 04:55:20 mx1 postfix/smtpd[1805]: NOQUEUE: reject: RCPT from x[192.0.2.1]: 554"
              + " 5.7.1 <c@d>: Relay access denied; from=<a@b> to=<c@d>; from=<e@f>",
          "Nov 22 04:55:20 mx1 postfix/smtpd[1805]: NOQUEUE: reject: CONNECT from x[192.0.2.1]",
          "Nov 22 04:55:20 mx1 postfix/smtpd[1805]: NOQUEUE: reject: CONNECT x: 554 5.7.1 no",
          "Nov 22 04:55:20 mx1 postfix/smtpd[1805]: NOQUEUE: reject: FOO from x[192.0.2.1]: 554 no",
          "Nov 22 04:55:20 mx1 postfix/smtpd[1805]: NOQUEUE: reject: RCPT",
          "Nov 22 04:55:20 mx1 postfix/smtpd[1805]: NOQUEUE: reject: ",
          "Nov 22 04:55:20 mx1 postfix/smtpd[1805]: ÄÖÜ: reject: RCPT from x[192.0.2.1]: 550 5.1.1"
              + " <ü@d>: Recipient address rejected: User unknown; from=<a@b> to=<ü@d>",
          "Nov 22 04:55:20 mx1 postfix/smtpd[1805]: NOQUEUE: reject: RCPT from x[192.0.2.1]: 550"
              + " 5.1.1 <ü@d>: Recipient address rejected: Benutzer unbekannt; from=<a@b>",
          "Nov 22 04:55:20 mx1 postfix/smtpd[1805]: 0123456789012345678901234567890123456789: reject:"
              + " RCPT from x[192.0.2.1]: 550 5.1.1 too far",
          "Nov 22 04:55:20 mx1 postfix/cleanup[1805]: 0000000001: reject: header Subject: hi from"
              + " x[192.0.2.1]; from=<a@b> to=<c@d> proto=ESMTP helo=<x>: 5.7.1 No spam",
          "Nov 22 04:55:20 mx1 postfix/cleanup[1805]: 0000000001: reject: body hi from"
              + " x[192.0.2.1]; from=<a@b> to=<c@d> proto=ESMTP helo=<x>: 5.7.1 No spam",
          "Nov 22 04:55:20 mx1 postfix/qmgr[1805]: 0000000001: reject: RCPT from x[192.0.2.1]: 550"
              + " 5.1.1 odd",
          "Nov 22 04:55:20 mx1 postfix/smtpd[1805]: NOQUEUE: reject: RCPT from x[192.0.2.1]: 250"
              + " 2.0.0 Ok: queued as 4ABC; from=<a@b>",
          "Nov 22 04:55:20 mx1 postfix/smtpd[1805]: NOQUEUE: reject: RCPT from x[192.0.2.1]: 250"
              + " 2.0.0 Ok: queued as 4XYZ; from=<a@b>",
          "Nov 22 04:55:20 mx1 sendmail[1805]: x: reject: RCPT from x[192.0.2.1]: 550 5.1.1 no",
          "Nov 22 04:55:20 mx1 sendmail[1805]: x: to=<a@b>, status=sent (250 ok)");
}
