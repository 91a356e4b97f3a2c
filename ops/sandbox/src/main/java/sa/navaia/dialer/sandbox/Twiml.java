package sa.navaia.dialer.sandbox;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/**
 * The part of a TwiML answer the sandbox acts on: whom {@code <Dial>} calls, its {@code action} and
 * {@code callerId}; or the {@code url} of a {@code <Connect><Stream>} and its {@code conversation_id}
 * {@code <Parameter>}; and what the callee hears said ({@code <Say>} texts, in order): {@code says} up to the first
 * {@code <Dial>}, {@code <Connect>} or {@code <Hangup>}, and {@code saysAfterDial}, the ones after a {@code <Dial>} up to a
 * {@code <Hangup>}. Twilio's {@code <Dial>} reference: "If you do not provide an action URL in your {@code <Dial>} and
 * the original caller is still on the line, Twilio will continue to render the original TwiML document"; with an
 * action, "Call flow will then continue, using the TwiML you send in response", so the verbs after it never run.
 * A {@code <Gather>} of a document that does not dial stops {@code says} there; {@code gather} holds it, and the verbs
 * after it (run when no input comes, Twilio's {@code <Gather>} reference) are in {@code saysAfterGather}.
 */
record Twiml(String dialTarget, String dialAction, String dialActionMethod, String dialCallerId, String streamUrl,
             String streamConversationId, java.util.List<String> says, java.util.List<String> saysAfterDial,
             Gather gather, java.util.List<String> saysAfterGather, int dialTimeoutSeconds) {

    /**
     * {@code <Dial timeout>} when absent: Twilio's {@code <Dial>} reference, "timeout ... default 30 seconds"
     * (https://www.twilio.com/docs/voice/twiml/dial).
     */
    static final int DEFAULT_DIAL_TIMEOUT_SECONDS = 30;

    static final Twiml HANG_UP = new Twiml(null, null, null, null, null, null);

    /**
     * A {@code <Gather>} as Twilio's reference describes it: {@code input} (default {@code dtmf}), {@code action}
     * (default: the document's own URL, null here), {@code method} (POST), {@code timeout} (5 s), {@code numDigits}
     * (unlimited: null), {@code finishOnKey} ({@code #}), {@code actionOnEmptyResult} (false), and the {@code <Say>}s
     * nested in it.
     */
    record Gather(String input, String action, String method, int timeoutSeconds, Integer numDigits, String finishOnKey,
                  boolean actionOnEmptyResult, java.util.List<String> says) {

        static final int DEFAULT_TIMEOUT_SECONDS = 5;

        Gather {
            says = java.util.List.copyOf(says);
        }

        /** Whether key presses count: {@code input} is {@code dtmf} or {@code dtmf speech}. */
        boolean takesKeys() {
            return java.util.Arrays.asList(input.split("\\s+")).contains("dtmf");
        }
    }

    Twiml {
        says = java.util.List.copyOf(says);
        saysAfterDial = java.util.List.copyOf(saysAfterDial);
        saysAfterGather = java.util.List.copyOf(saysAfterGather);
    }

    Twiml(String dialTarget, String dialAction, String dialActionMethod, String dialCallerId, String streamUrl,
          String streamConversationId, java.util.List<String> says, java.util.List<String> saysAfterDial) {
        this(dialTarget, dialAction, dialActionMethod, dialCallerId, streamUrl, streamConversationId, says, saysAfterDial,
                null, java.util.List.of(), DEFAULT_DIAL_TIMEOUT_SECONDS);
    }

    Twiml(String dialTarget, String dialAction, String dialActionMethod, String dialCallerId, String streamUrl,
          String streamConversationId) {
        this(dialTarget, dialAction, dialActionMethod, dialCallerId, streamUrl, streamConversationId, java.util.List.of(),
                java.util.List.of());
    }

    Twiml(String dialTarget, String dialAction, String dialActionMethod) {
        this(dialTarget, dialAction, dialActionMethod, null, null, null);
    }

    /** A document that says {@code says} (if anything) and hangs up. */
    static Twiml saying(java.util.List<String> says) {
        return says.isEmpty() ? HANG_UP : new Twiml(null, null, null, null, null, null, says, java.util.List.of());
    }

    /** The parser would print every error to stderr; a bad answer is already handled as a hang-up. */
    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXParseException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
            throw e;
        }
    };

    /**
     * One parser per thread, configured once: {@code DocumentBuilderFactory.newInstance()} looks its implementation up
     * on the class path each time (a service-loader scan that was 14% of the sandbox's CPU under load), and a builder
     * is not thread-safe but can be reused after {@code reset()} (which also drops its error handler: set per parse).
     */
    private static final ThreadLocal<DocumentBuilder> PARSERS = ThreadLocal.withInitial(Twiml::newParser);

    private static DocumentBuilder newParser() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("This JVM's XML parser cannot be configured securely", e);
        }
    }

    boolean dials() {
        return dialTarget != null;
    }

    boolean streams() {
        return streamUrl != null;
    }

    boolean gathers() {
        return gather != null;
    }

    /** Reads TwiML; anything unreadable is treated as a hang-up (see {@link #read} for telling them apart). */
    static Twiml parse(String xml) {
        Twiml twiml = read(xml);
        return twiml == null ? HANG_UP : twiml;
    }

    /**
     * Reads TwiML, or null when the answer is not a TwiML document (empty, not XML, or its root is not
     * {@code <Response>}): Twilio's 12100 document parse failure, which sends the call to {@code FallbackUrl}.
     */
    static Twiml read(String xml) {
        if (xml == null || xml.isBlank()) {
            return null;
        }
        try {
            DocumentBuilder builder = PARSERS.get();
            builder.reset();
            builder.setErrorHandler(SILENT);
            Document document = builder.parse(new ByteArrayInputStream(xml.strip().getBytes(StandardCharsets.UTF_8)));
            if (!"Response".equals(document.getDocumentElement().getNodeName())) {
                return null;
            }
            java.util.List<String> says = new java.util.ArrayList<>();
            java.util.List<String> saysAfterDial = new java.util.ArrayList<>();
            readSays(document.getDocumentElement(), says, saysAfterDial);
            NodeList dials = document.getElementsByTagName("Dial");
            if (dials.getLength() == 0) {
                NodeList streams = document.getElementsByTagName("Stream");
                boolean connected = streams.getLength() > 0
                        && "Connect".equals(streams.item(0).getParentNode().getNodeName());
                if (!connected) {
                    return gathering(document.getDocumentElement(), says);
                }
                Element stream = (Element) streams.item(0);
                String url = stream.getAttribute("url").strip();
                String conversationId = null;
                NodeList parameters = stream.getElementsByTagName("Parameter");
                for (int i = 0; i < parameters.getLength(); i++) {
                    Element parameter = (Element) parameters.item(i);
                    if ("conversation_id".equals(parameter.getAttribute("name"))) {
                        conversationId = parameter.getAttribute("value").strip();
                    }
                }
                return url.isEmpty() ? saying(says) : new Twiml(null, null, null, null, url, conversationId, says,
                        java.util.List.of());
            }
            Element dial = (Element) dials.item(0);
            NodeList numbers = dial.getElementsByTagName("Number");
            String target = numbers.getLength() > 0 ? numbers.item(0).getTextContent() : dial.getTextContent();
            target = target == null ? "" : target.strip();
            String action = dial.getAttribute("action");
            String method = dial.getAttribute("method");
            String callerId = dial.getAttribute("callerId");
            String timeout = dial.getAttribute("timeout").strip();
            return new Twiml(target.isEmpty() ? null : target,
                    action.isBlank() ? null : action.strip(),
                    method.isBlank() ? "POST" : method.strip().toUpperCase(Locale.ROOT),
                    callerId.isBlank() ? null : callerId.strip(), null, null, says, saysAfterDial, null, java.util.List.of(),
                    timeout.isEmpty() ? DEFAULT_DIAL_TIMEOUT_SECONDS : Integer.parseInt(timeout));
        } catch (Exception e) {
            return null;
        }
    }

    /** A document that neither dials nor streams: its says, and its first top-level {@code <Gather>} if it has one. */
    private static Twiml gathering(Element response, java.util.List<String> says) {
        NodeList verbs = response.getChildNodes();
        for (int i = 0; i < verbs.getLength(); i++) {
            if (!(verbs.item(i) instanceof Element verb)) {
                continue;
            }
            if (verb.getNodeName().equals("Hangup")) {
                break;
            }
            if (verb.getNodeName().equals("Gather")) {
                java.util.List<String> after = new java.util.ArrayList<>();
                for (int j = i + 1; j < verbs.getLength(); j++) {
                    String name = verbs.item(j).getNodeName();
                    if (name.equals("Hangup")) {
                        break;
                    }
                    if (name.equals("Say")) {
                        after.add(verbs.item(j).getTextContent().strip());
                    }
                }
                return new Twiml(null, null, null, null, null, null, says, java.util.List.of(), gather(verb), after,
                        DEFAULT_DIAL_TIMEOUT_SECONDS);
            }
        }
        return saying(says);
    }

    private static Gather gather(Element gather) {
        java.util.List<String> says = new java.util.ArrayList<>();
        NodeList nested = gather.getChildNodes();
        for (int i = 0; i < nested.getLength(); i++) {
            if (nested.item(i).getNodeName().equals("Say")) {
                says.add(nested.item(i).getTextContent().strip());
            }
        }
        String input = gather.getAttribute("input").strip();
        String action = gather.getAttribute("action").strip();
        String method = gather.getAttribute("method").strip();
        String timeout = gather.getAttribute("timeout").strip();
        String numDigits = gather.getAttribute("numDigits").strip();
        return new Gather(input.isEmpty() ? "dtmf" : input, action.isEmpty() ? null : action,
                method.isEmpty() ? "POST" : method.toUpperCase(Locale.ROOT),
                timeout.isEmpty() ? Gather.DEFAULT_TIMEOUT_SECONDS : Integer.parseInt(timeout),
                numDigits.isEmpty() ? null : Integer.valueOf(numDigits),
                gather.hasAttribute("finishOnKey") ? gather.getAttribute("finishOnKey") : "#",
                Boolean.parseBoolean(gather.getAttribute("actionOnEmptyResult").strip()), says);
    }

    /**
     * The {@code <Say>} verbs of the {@code <Response>}: those before its first {@code <Dial>}, {@code <Connect>} or
     * {@code <Hangup>} into {@code before}; after a {@code <Dial>}, those up to a {@code <Hangup>} into {@code afterDial}.
     */
    private static void readSays(Element response, java.util.List<String> before, java.util.List<String> afterDial) {
        java.util.List<String> into = before;
        NodeList verbs = response.getChildNodes();
        for (int i = 0; i < verbs.getLength(); i++) {
            String verb = verbs.item(i).getNodeName();
            if (verb.equals("Hangup") || verb.equals("Connect") || verb.equals("Dial") && into == afterDial
                    || verb.equals("Gather") && into == before) {
                return;
            }
            if (verb.equals("Dial")) {
                into = afterDial;
            } else if (verb.equals("Say")) {
                into.add(verbs.item(i).getTextContent().strip());
            }
        }
    }
}
