package dev.flexplugins.rest;

import dev.flexplugins.application.ApiKeys;
import dev.flexplugins.application.Parameter;
import dev.flexplugins.domain.api.PluginServiceException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of Twilio's 2010 API that the {@code twilio} CLI calls to set up a profile: the caller's
 * own account ({@code GET /2010-04-01/Accounts/{Sid}.json}) and its API keys ({@code Keys}).
 * Another account's SID answers 404, as a resource that does not exist. Dates are RFC 2822, as in
 * the 2010 API.
 */
@Controller("/2010-04-01/Accounts")
@Consumes(MediaType.ALL)
final class TwilioAccountsController {
    private static final String ACCOUNT = "{accountSid:AC[0-9a-f]+}";
    private static final DateTimeFormatter RFC_2822 =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", java.util.Locale.US)
                    .withZone(ZoneOffset.UTC);

    private final ApiKeys keys;
    private final Forms forms;
    private final Json json;

    TwilioAccountsController(ApiKeys keys, Forms forms, Json json) {
        this.keys = keys;
        this.forms = forms;
        this.json = json;
    }

    @Get("/" + ACCOUNT + ".json")
    HttpResponse<byte[]> account(HttpRequest<?> request, @PathVariable String accountSid) {
        String own = own(request, accountSid);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("auth_token", null);
        m.put("date_created", null);
        m.put("date_updated", null);
        m.put("friendly_name", own);
        m.put("owner_account_sid", own);
        m.put("sid", own);
        m.put("status", "active");
        m.put("subresource_uris", Map.of("keys", "/2010-04-01/Accounts/" + own + "/Keys.json"));
        m.put("type", "Full");
        m.put("uri", "/2010-04-01/Accounts/" + own + ".json");
        return json.ok(m);
    }

    @Post("/" + ACCOUNT + "/Keys.json")
    HttpResponse<byte[]> create(
            HttpRequest<?> request, @PathVariable String accountSid, @Body @Nullable byte[] body) {
        String own = own(request, accountSid);
        FormBody form = forms.read(request, body);
        ApiKeys.Created created = keys.create(own, form.get("FriendlyName"));
        Map<String, Object> m = key(created.key());
        m.put("secret", created.secret());
        return json.created(m);
    }

    @Get("/" + ACCOUNT + "/Keys.json")
    HttpResponse<byte[]> list(HttpRequest<?> request, @PathVariable String accountSid) {
        String own = own(request, accountSid);
        List<Map<String, Object>> all =
                keys.list(own).stream().map(TwilioAccountsController::key).toList();
        String uri = "/2010-04-01/Accounts/" + own + "/Keys.json";
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("keys", all);
        m.put("end", Math.max(0, all.size() - 1));
        m.put("first_page_uri", uri + "?PageSize=" + Math.max(50, all.size()) + "&Page=0");
        m.put("next_page_uri", null);
        m.put("page", 0);
        m.put("page_size", Math.max(50, all.size()));
        m.put("previous_page_uri", null);
        m.put("start", 0);
        m.put("uri", uri);
        return json.ok(m);
    }

    @Get("/" + ACCOUNT + "/Keys/{keySid}.json")
    HttpResponse<byte[]> fetch(
            HttpRequest<?> request, @PathVariable String accountSid, @PathVariable String keySid) {
        return json.ok(key(keys.fetch(own(request, accountSid), keySid)));
    }

    @Post("/" + ACCOUNT + "/Keys/{keySid}.json")
    HttpResponse<byte[]> update(
            HttpRequest<?> request,
            @PathVariable String accountSid,
            @PathVariable String keySid,
            @Body @Nullable byte[] body) {
        FormBody form = forms.read(request, body);
        return json.ok(
                key(keys.rename(own(request, accountSid), keySid, form.get("FriendlyName"))));
    }

    @Delete("/" + ACCOUNT + "/Keys/{keySid}.json")
    HttpResponse<?> delete(
            HttpRequest<?> request, @PathVariable String accountSid, @PathVariable String keySid) {
        keys.delete(own(request, accountSid), keySid);
        return HttpResponse.noContent();
    }

    /** The caller's account, when the path names it; another account is answered as not found. */
    private static String own(HttpRequest<?> request, String accountSid) {
        String caller = RestRequest.context(request).accountSid();
        if (!caller.equals(accountSid)) {
            throw PluginServiceException.notFound(
                    Parameter.BODY,
                    accountSid,
                    "The requested resource /2010-04-01/Accounts/" + accountSid + " was not found");
        }
        return caller;
    }

    private static Map<String, Object> key(ApiKeys.Key k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sid", k.sid());
        m.put("friendly_name", k.friendlyName());
        m.put("date_created", rfc2822(k.dateCreated()));
        m.put("date_updated", rfc2822(k.dateUpdated()));
        return m;
    }

    private static String rfc2822(Instant instant) {
        return instant == null ? null : RFC_2822.format(instant);
    }
}
