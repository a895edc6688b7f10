package io.github.smtpreply.camel;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.component.mail.JavaMailSender;
import org.apache.camel.component.mail.MailConfiguration;
import org.apache.camel.component.mail.MailEndpoint;
import org.apache.camel.support.LifecycleStrategySupport;

/**
 * Tags, counts and classifies the SMTP replies of a CamelContext. Adding the jar is enough: {@link
 * SmtpReplyContextPlugin} calls {@link #install} for every CamelContext unless {@code
 * smtp-reply.camel.enabled=false}; applications that turn that off call {@link #install}
 * themselves.
 */
public final class SmtpReply {
  /** Name under which the installation is bound in the Camel registry, so it happens once. */
  static final String REGISTRY_NAME = "smtpReplyInstallation";

  private SmtpReply() {}

  /**
   * Installs the tagging in {@code context}: every {@code smtp:}/{@code smtps:} endpoint resolved
   * from now on records its replies, and each send is tagged and counted. Calling it twice does
   * nothing more.
   */
  public static void install(CamelContext context) {
    install(context, true);
  }

  /**
   * @param explicit true when the application asked for it: then the {@code enabled} property is
   *     not consulted
   */
  static void install(CamelContext context, boolean explicit) {
    if (context.getRegistry().lookupByName(REGISTRY_NAME) != null) {
      return;
    }
    PerContext state = new PerContext(context, explicit);
    context.getRegistry().bind(REGISTRY_NAME, state);
    context.addLifecycleStrategy(new RecordingEndpoints(state));
    context.getManagementStrategy().addEventNotifier(new ReplyTaggingNotifier(state));
    context.addRoutePolicyFactory(BounceRoutePolicy.factory(state));
  }

  /** Gives each SMTP endpoint a sender that records its replies, configured as camel-mail would. */
  private static final class RecordingEndpoints extends LifecycleStrategySupport {
    private final PerContext state;

    RecordingEndpoints(PerContext state) {
      this.state = state;
    }

    @Override
    public void onEndpointAdd(Endpoint endpoint) {
      if (!(endpoint instanceof MailEndpoint mail)
          || !ReplyTaggingNotifier.isSmtp(mail)
          || !state.enabled()) {
        return;
      }
      MailConfiguration configuration = mail.getConfiguration();
      if (configuration.getJavaMailSender() != null) {
        return; // the application's own sender: its failures are still read from the exception
      }
      configuration.setJavaMailSender(
          new RecordingMailSender(createSender(configuration, mail.getCamelContext())));
    }
  }

  /**
   * The sender camel-mail would build for this configuration: {@code createJavaMailSender} is
   * protected, and building it any other way would drop some of the endpoint's options.
   */
  private static JavaMailSender createSender(
      MailConfiguration configuration, CamelContext context) {
    try {
      Method create =
          MailConfiguration.class.getDeclaredMethod("createJavaMailSender", CamelContext.class);
      create.setAccessible(true);
      return (JavaMailSender) create.invoke(configuration, context);
    } catch (NoSuchMethodException | IllegalAccessException e) {
      throw new IllegalStateException(
          "camel-mail's MailConfiguration.createJavaMailSender is not there", e);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("camel-mail could not build a sender", e.getCause());
    }
  }
}
