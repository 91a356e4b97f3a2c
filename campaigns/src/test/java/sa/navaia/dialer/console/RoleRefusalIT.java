package sa.navaia.dialer.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ValueConstants;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import sa.navaia.dialer.db.TestDatabase;
import sa.navaia.dialer.user.ApiTokenRepository;
import sa.navaia.dialer.user.Role;
import sa.navaia.dialer.user.UserRepository;

/**
 * Every endpoint the worker serves, taken from its handler mappings, refuses the roles its {@code @PreAuthorize}
 * leaves out (403: API with their token, console signed in) and, in the API, a request without a token (401).
 */
class RoleRefusalIT {

    static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)(?::([^}]+))?}");
    static final Pattern ROLE = Pattern.compile("'([A-Z_]+)'");

    @TempDir
    Path dataDir;

    /** One request to make: method, path with its variables filled in, the handler, whether it takes a file. */
    record Endpoint(String method, String path, HandlerMethod handler, boolean multipart) {
        Set<Role> allowed() {
            PreAuthorize rule = handler.getMethodAnnotation(PreAuthorize.class);
            if (rule == null) {
                return EnumSet.allOf(Role.class);
            }
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (Matcher role = ROLE.matcher(rule.value()); role.find(); ) {
                roles.add(Role.valueOf(role.group(1)));
            }
            return roles;
        }

        /** Required request parameters filled in, so the request reaches the role check rather than a 400. */
        String query() {
            List<String> pairs = new ArrayList<>();
            for (MethodParameter parameter : handler.getMethodParameters()) {
                RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
                if (param != null && param.required() && param.defaultValue().equals(ValueConstants.DEFAULT_NONE)
                        && parameter.getParameterType() != MultipartFile.class && parameter.getParameterType() != Map.class) {
                    String name = param.name().isEmpty() ? param.value().isEmpty() ? parameter.getParameterName() : param.value() : param.name();
                    pairs.add(name + "=" + URLEncoder.encode("+12125550150", StandardCharsets.UTF_8));
                }
            }
            return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
        }
    }

    @Test
    void everyEndpointRefusesTheRolesItsRuleLeavesOut() throws Exception {
        try (TestDatabase.Migrated db = TestDatabase.H2.create(); ConsoleServer server = new ConsoleServer(db, dataDir, Map.of())) {
            List<Endpoint> endpoints = endpoints(server);
            assertThat(endpoints).filteredOn(e -> e.path().startsWith("/api/")).hasSizeGreaterThan(20);
            assertThat(endpoints).filteredOn(e -> !e.path().startsWith("/api/") && !e.allowed().containsAll(EnumSet.allOf(Role.class)))
                    .hasSizeGreaterThan(10);
            Map<Role, String> tokens = new TreeMap<>();
            Map<Role, HttpClient> browsers = new TreeMap<>();
            for (Role role : Role.values()) {
                server.addUser(role.code(), ConsoleLoginIT.PASSWORD, role);
                tokens.put(role, server.context.getBean(ApiTokenRepository.class).create(
                        server.context.getBean(UserRepository.class).findByUsername(role.code()).orElseThrow().id(), "test").token());
                HttpClient browser = ConsoleServer.browser();
                ConsoleLoginIT.post(browser, server, "/login", Map.of("username", role.code(), "password",
                        ConsoleLoginIT.PASSWORD), true);
                browsers.put(role, browser);
            }

            SoftAssertions softly = new SoftAssertions();
            int refusals = 0;
            for (Endpoint endpoint : endpoints) {
                boolean api = endpoint.path().startsWith("/api/");
                if (endpoint.path().equals(OpenApiDocument.PATH)) {
                    continue; // served to anyone, like a login page
                }
                if (api) {
                    softly.assertThat(send(server, null, endpoint, null).statusCode()).as("no token: " + endpoint.method() + " "
                            + endpoint.path()).isEqualTo(401);
                }
                for (Role role : EnumSet.complementOf(EnumSet.copyOf(endpoint.allowed()))) {
                    HttpResponse<String> refused = api ? send(server, null, endpoint, tokens.get(role))
                            : send(server, browsers.get(role), endpoint, null);
                    softly.assertThat(refused.statusCode()).as(role + ": " + endpoint.method() + " " + endpoint.path())
                            .isEqualTo(403);
                    refusals++;
                }
            }
            softly.assertAll();
            assertThat(refusals).isGreaterThan(30);
        }
    }

    private static List<Endpoint> endpoints(ConsoleServer server) {
        List<Endpoint> endpoints = new ArrayList<>();
        Map<RequestMappingInfo, HandlerMethod> handlers = server.context
                .getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class).getHandlerMethods();
        handlers.forEach((info, handler) -> {
            if (!handler.getBeanType().getPackageName().equals(RoleRefusalIT.class.getPackageName())) {
                return;
            }
            boolean multipart = info.getConsumesCondition().getConsumableMediaTypes().contains(MediaType.MULTIPART_FORM_DATA)
                    || java.util.Arrays.stream(handler.getMethodParameters()).anyMatch(p -> p.getParameterType() == MultipartFile.class);
            for (String pattern : info.getPatternValues()) {
                for (String path : filled(pattern)) {
                    info.getMethodsCondition().getMethods().forEach(method ->
                            endpoints.add(new Endpoint(method.name(), path, handler, multipart)));
                }
            }
        });
        return endpoints;
    }

    /** The path with each variable filled in; a variable restricted to alternatives gives one path per alternative. */
    private static List<String> filled(String pattern) {
        Matcher variable = VARIABLE.matcher(pattern);
        if (!variable.find()) {
            return List.of(pattern);
        }
        List<String> values = variable.group(2) != null ? List.of(variable.group(2).split("\\|"))
                : List.of(variable.group(1).equals("phone") ? "+12125550150"
                : variable.group(1).equals("uploadId") ? "00000000-0000-0000-0000-000000000000" : "1");
        List<String> paths = new ArrayList<>();
        for (String value : values) {
            paths.addAll(filled(pattern.substring(0, variable.start()) + value + pattern.substring(variable.end())));
        }
        return paths;
    }

    private static HttpResponse<String> send(ConsoleServer server, HttpClient browser, Endpoint endpoint, String token)
            throws Exception {
        HttpClient client = browser != null ? browser : server.http;
        HttpRequest.Builder request = endpoint.multipart()
                ? ConsoleServer.multipart(server.base.resolve(endpoint.path() + endpoint.query()), "list.csv", "phone\n+12125550150\n", Map.of())
                : HttpRequest.newBuilder(server.base.resolve(endpoint.path() + endpoint.query())).method(endpoint.method(),
                        endpoint.method().equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        if (!endpoint.multipart() && !endpoint.method().equals("GET")) {
            request.header("Content-Type", browser != null ? "application/x-www-form-urlencoded" : "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (browser != null && !endpoint.method().equals("GET")) {
            request.header("X-CSRF-TOKEN", ConsoleLoginIT.csrfToken(browser, server));
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
