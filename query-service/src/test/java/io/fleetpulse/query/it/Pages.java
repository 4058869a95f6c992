package io.fleetpulse.query.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** Follows next_cursor through every page of a ranged endpoint over REST. */
final class Pages {

    private Pages() {
    }

    record Walk(List<Map<String, Object>> items, int pages, List<String> cursors) {
    }

    static JsonPath get(String path, Map<String, ?> query, Object... pathParams) {
        Response response = given().queryParams(query).when().get(path, pathParams);
        assertThat(response.statusCode()).as("GET %s %s: %s", path, query, response.asString()).isEqualTo(200);
        return response.jsonPath();
    }

    /** Every page of the query with {@code limit}; asserts each page respects the limit. */
    static Walk walk(String path, Map<String, ?> query, int limit, Object... pathParams) {
        List<Map<String, Object>> items = new ArrayList<>();
        List<String> cursors = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, Object> params = new LinkedHashMap<>(query);
            params.put("limit", limit);
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            JsonPath page = get(path, params, pathParams);
            List<Map<String, Object>> pageItems = page.getList("items");
            assertThat(pageItems).as("page %d", pages).hasSizeLessThanOrEqualTo(limit);
            items.addAll(pageItems);
            cursor = page.getString("next_cursor");
            if (cursor != null) {
                cursors.add(cursor);
            }
            pages++;
            assertThat(pages).as("runaway paging").isLessThan(10_000);
        } while (cursor != null);
        return new Walk(items, pages, cursors);
    }

    static List<String> field(List<Map<String, Object>> items, String name) {
        return items.stream().map(item -> String.valueOf(item.get(name))).toList();
    }
}
