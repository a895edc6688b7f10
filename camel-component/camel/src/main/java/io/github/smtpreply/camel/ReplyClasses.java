package io.github.smtpreply.camel;

import io.github.smtpreply.reply.ReplyClass;

/** Which class is worse, for the one class that speaks for several replies. */
final class ReplyClasses {
  private ReplyClasses() {}

  /** Permanent over transient over intermediate over success over unknown. */
  static int rank(ReplyClass c) {
    return switch (c) {
      case PERMANENT -> 4;
      case TRANSIENT -> 3;
      case INTERMEDIATE -> 2;
      case SUCCESS -> 1;
      case UNKNOWN -> 0;
    };
  }

  static ReplyClass worse(ReplyClass a, ReplyClass b) {
    return rank(b) > rank(a) ? b : a;
  }
}
