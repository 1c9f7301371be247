package io.atrium.entity;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;

import com.jayway.jsonpath.JsonPath;

import io.atrium.testsupport.ApiClient;
import io.atrium.testsupport.ApplicationTest;
import io.atrium.testsupport.IntegrationTest;
import io.atrium.testsupport.TestVideos;

/** {@code /v1.3/entity-collections…} and {@code /v1.3/assets/{id}/entities}: metadata over the account's image assets. */
@IntegrationTest
class EntityApiTest extends ApplicationTest {

    private static final String COLLECTIONS = "/v1.3/entity-collections";

    @Test
    void aCollectionIsCreatedFoundRenamedAndDeletedWithItsEntities() throws Exception {
        String key = api.newKey("collections");
        ApiClient.Caller caller = api.as(key);
        String created = caller.post(COLLECTIONS, "{\"name\":\"Team A\"}").andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value("Team A"))
                .andExpect(jsonPath("$.created_at").isString())
                .andExpect(jsonPath("$.updated_at").isString())
                .andReturn().getResponse().getContentAsString();
        String id = JsonPath.read(created, "$._id");
        caller.post(COLLECTIONS, "{\"name\":\"Team A\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("entity_collection_name_already_exists"));

        caller.get(COLLECTIONS + "/" + id).andExpect(status().isOk()).andExpect(jsonPath("$._id").value(id));
        caller.patch(COLLECTIONS + "/" + id, "{\"name\":\"Team B\"}").andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Team B"));
        caller.get(COLLECTIONS + "?name=team b").andExpect(jsonPath("$.data[*]._id", contains(id)))
                .andExpect(jsonPath("$.page_info.total_results").value(1));

        String image = caller.readyAsset(TestVideos.still());
        String entity = caller.createEntity(id, "Ada", image);
        caller.delete(COLLECTIONS + "/" + id).andExpect(status().isOk());
        caller.get(COLLECTIONS + "/" + id).andExpect(status().isNotFound());
        caller.get(COLLECTIONS + "/" + id + "/entities/" + entity).andExpect(status().isNotFound());
        caller.get("/v1.3/assets/" + image + "/entities").andExpect(jsonPath("$.data", hasSize(0)));
        // The name is free again.
        caller.createEntityCollection("Team B");
    }

    @Test
    void collectionsAreSortedByNameOrTimeAndPaged() throws Exception {
        ApiClient.Caller caller = api.as(api.newKey("sorting"));
        String b = caller.createEntityCollection("Bravo");
        String a = caller.createEntityCollection("alpha");
        String c = caller.createEntityCollection("Charlie");
        caller.get(COLLECTIONS + "?sort_by=name&sort_option=asc").andExpect(status().isOk())
                .andExpect(jsonPath("$.data[*].name", contains("Bravo", "Charlie", "alpha")));
        caller.get(COLLECTIONS + "?sort_by=name&sort_option=desc&page_limit=2&page=2")
                .andExpect(jsonPath("$.data[*]._id", contains(b)))
                .andExpect(jsonPath("$.page_info.total_results").value(3))
                .andExpect(jsonPath("$.page_info.total_page").value(2));
        caller.get(COLLECTIONS + "?sort_by=created_at&sort_option=asc")
                .andExpect(jsonPath("$.data[*]._id", contains(b, a, c)));
        caller.get(COLLECTIONS + "?sort_by=size").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("parameter_invalid"));
        // The other lists still refuse a sort by name.
        caller.get("/v1.3/indexes?sort_by=name").andExpect(status().isBadRequest());
    }

    @Test
    void anEntityKeepsItsNameMetadataAndAssetsThroughChanges() throws Exception {
        ApiClient.Caller caller = api.as(api.newKey("entities"));
        String collection = caller.createEntityCollection("Players");
        String first = caller.readyAsset(TestVideos.still());
        String second = caller.readyAsset(TestVideos.still());
        String path = COLLECTIONS + "/" + collection + "/entities";
        String created = caller.post(path, "{\"name\":\"John Doe\",\"metadata\":{\"team\":\"A\",\"number\":9,\"captain\":true},"
                        + "\"asset_ids\":[\"" + first + "\"]}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.entity_collection_id").value(collection))
                .andExpect(jsonPath("$.name").value("John Doe"))
                .andExpect(jsonPath("$.metadata.team").value("A"))
                .andExpect(jsonPath("$.metadata.number").value(9))
                .andExpect(jsonPath("$.metadata.captain").value(true))
                .andExpect(jsonPath("$.asset_ids", contains(first)))
                .andExpect(jsonPath("$.status").value("ready"))
                .andReturn().getResponse().getContentAsString();
        String entity = JsonPath.read(created, "$._id");

        caller.patch(path + "/" + entity, "{\"name\":\"Jane Doe\",\"metadata\":{\"team\":\"B\"}}").andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Jane Doe"))
                .andExpect(jsonPath("$.metadata.team").value("B"))
                .andExpect(jsonPath("$.metadata.number").doesNotExist());
        caller.patch(path + "/" + entity, "{\"metadata\":{\"nested\":{\"no\":1}}}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("parameter_invalid"));

        caller.post(path + "/" + entity + "/assets", "{\"asset_ids\":[\"" + second + "\",\"" + first + "\"]}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.asset_ids", contains(first, second)));
        caller.delete(path + "/" + entity + "/assets", "{\"asset_ids\":[\"" + first + "\"]}")
                .andExpect(status().isOk()).andExpect(jsonPath("$.asset_ids", contains(second)));
        caller.delete(path + "/" + entity + "/assets", "{\"asset_ids\":[\"" + first + "\"]}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("asset_not_in_entity"));
        caller.delete(path + "/" + entity + "/assets", "{\"asset_ids\":[\"" + second + "\"]}")
                .andExpect(status().isBadRequest());
        caller.get(path + "/" + entity).andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("Jane Doe"))
                .andExpect(jsonPath("$.asset_ids", contains(second)));
        caller.get("/v1.3/assets/" + second + "/entities").andExpect(jsonPath("$.data[*]._id", contains(entity)));

        caller.delete(path + "/" + entity).andExpect(status().isOk());
        caller.get(path + "/" + entity).andExpect(status().isNotFound());
        caller.get("/v1.3/assets/" + second + "/entities").andExpect(jsonPath("$.data", hasSize(0)));
    }

    @Test
    void aBulkRequestCreatesTheValidEntitiesAndReportsTheOthersByIndex() throws Exception {
        String key = api.newKey("bulk");
        String otherKey = api.newKey("bulk-other");
        ApiClient.Caller caller = api.as(key);
        String collection = caller.createEntityCollection("Roster");
        String image = caller.readyAsset(TestVideos.still());
        String othersImage = api.as(otherKey).readyAsset(TestVideos.still());
        String body = """
                {"entities":[
                  {"name":"One","asset_ids":["%1$s"],"metadata":{"n":1}},
                  {"name":"","asset_ids":["%1$s"]},
                  {"name":"Three","asset_ids":[]},
                  {"name":"Four","asset_ids":["%2$s"]},
                  {"name":"Five","asset_ids":["%1$s"]}
                ]}""".formatted(image, othersImage);
        caller.post(COLLECTIONS + "/" + collection + "/entities/bulk", body).andExpect(status().isCreated())
                .andExpect(jsonPath("$.success_count").value(2))
                .andExpect(jsonPath("$.failed_count").value(3))
                .andExpect(jsonPath("$.entities[*].name", contains("One", "Five")))
                .andExpect(jsonPath("$.entities[*].status", contains("ready", "ready")))
                .andExpect(jsonPath("$.entities[0]._id").isString())
                .andExpect(jsonPath("$.errors[*].entity_index", contains(1, 2, 3)))
                .andExpect(jsonPath("$.errors[*].entity_name", contains("", "Three", "Four")))
                .andExpect(jsonPath("$.errors[2].error_reason").value("There is no asset " + othersImage + " in this account."));
        caller.get(COLLECTIONS + "/" + collection + "/entities?sort_by=name&sort_option=asc")
                .andExpect(jsonPath("$.data[*].name", contains("Five", "One")))
                .andExpect(jsonPath("$.data[1].metadata.n").value(1));
        caller.post(COLLECTIONS + "/" + collection + "/entities/bulk", "{\"entities\":[]}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("parameter_not_provided"));
    }

    @Test
    void anEntityIsProcessingUntilEveryImageAssetIsReady() throws Exception {
        ApiClient.Caller caller = api.as(api.newKey("status"));
        String collection = caller.createEntityCollection("Waiting");
        String ready = caller.readyAsset(TestVideos.still());
        String waiting = caller.readyAsset(TestVideos.still());
        // As a multipart upload still waiting for its chunks (no API here makes one yet): the status the worker moves on.
        setAssetStatus(waiting, "uploading");
        String path = COLLECTIONS + "/" + collection + "/entities";
        String mixed = JsonPath.read(caller.post(path, "{\"name\":\"Mixed\",\"asset_ids\":[\"" + ready + "\",\"" + waiting + "\"]}")
                .andExpect(status().isCreated()).andExpect(jsonPath("$.status").value("processing"))
                .andReturn().getResponse().getContentAsString(), "$._id");
        String done = caller.createEntity(collection, "Done", ready);

        caller.get(path + "?status=processing").andExpect(jsonPath("$.data[*]._id", contains(mixed)))
                .andExpect(jsonPath("$.page_info.total_results").value(1));
        caller.get(path + "?status=ready").andExpect(jsonPath("$.data[*]._id", contains(done)));
        caller.get(path + "?status=failed").andExpect(status().isBadRequest());

        setAssetStatus(waiting, "ready");
        caller.get(path + "?status=ready&sort_by=name&sort_option=asc")
                .andExpect(jsonPath("$.data[*]._id", contains(done, mixed)));
        caller.get(path + "?status=processing").andExpect(jsonPath("$.data", hasSize(0)));
        caller.get(path + "/" + mixed).andExpect(jsonPath("$.status").value("ready"));
    }

    @Test
    void onlyTheAccountsImagesDescribeAnEntity() throws Exception {
        String key = api.newKey("kinds");
        ApiClient.Caller caller = api.as(key);
        String collection = caller.createEntityCollection("Kinds");
        String audio = caller.readyAsset(TestVideos.tone());
        String broken = JsonPath.read(caller.uploadAsset(TestVideos.noise()).andExpect(status().isCreated())
                .andReturn().getResponse().getContentAsString(), "$._id");
        caller.awaitAssetStatus(broken, "failed");
        String path = COLLECTIONS + "/" + collection + "/entities";
        caller.post(path, "{\"name\":\"Voice\",\"asset_ids\":[\"" + audio + "\"]}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("asset_not_image"));
        caller.post(path, "{\"name\":\"Noise\",\"asset_ids\":[\"" + broken + "\"]}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("asset_failed"));
        caller.post(path, "{\"name\":\"Nobody\",\"asset_ids\":[\"nosuchasset\"]}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("asset_not_found"));
        caller.get(path).andExpect(jsonPath("$.data", hasSize(0)));
    }

    @Test
    void badInputIsRefusedAndChangesNothing() throws Exception {
        ApiClient.Caller caller = api.as(api.newKey("bad-input"));
        caller.post(COLLECTIONS, "{}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("parameter_not_provided"));
        caller.post(COLLECTIONS, "{\"name\":\"" + "x".repeat(101) + "\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("parameter_invalid"));
        caller.post(COLLECTIONS, "{\"name\":\"A\",\"description\":\"d\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("parameter_unknown"));
        String collection = caller.createEntityCollection("Inputs");
        String image = caller.readyAsset(TestVideos.still());
        String path = COLLECTIONS + "/" + collection + "/entities";
        caller.post(path, "{\"asset_ids\":[\"" + image + "\"]}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("parameter_not_provided"));
        caller.post(path, "{\"name\":\"No assets\",\"asset_ids\":[]}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("parameter_not_provided"));
        caller.post(path, "{\"name\":\"No assets\"}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("parameter_not_provided"));
        caller.post(path, "{\"name\":\"Big\",\"asset_ids\":[\"" + image + "\"],\"metadata\":{\"k\":\"" + "v".repeat(2001) + "\"}}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("metadata_too_large"));
        caller.post(path, "{\"name\":\"Odd\",\"asset_ids\":[\"" + image + "\"],\"role\":\"x\"}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("parameter_unknown"));
        String entity = caller.createEntity(collection, "Kept", image);
        caller.post(path + "/" + entity + "/assets", "{\"asset_ids\":[]}").andExpect(status().isBadRequest());
        caller.patch(path + "/" + entity, "{\"name\":\"  \"}").andExpect(status().isBadRequest());
        caller.get(path).andExpect(jsonPath("$.data[*].name", contains("Kept")))
                .andExpect(jsonPath("$.data[0].asset_ids", contains(image)));
    }

    @Test
    void anEntityIsFoundOnlyThroughItsOwnCollection() throws Exception {
        ApiClient.Caller caller = api.as(api.newKey("two-collections"));
        String a = caller.createEntityCollection("A");
        String b = caller.createEntityCollection("B");
        String image = caller.readyAsset(TestVideos.still());
        String entity = caller.createEntity(a, "In A", image);
        String wrong = COLLECTIONS + "/" + b + "/entities/" + entity;
        caller.get(wrong).andExpect(status().isNotFound());
        caller.patch(wrong, "{\"name\":\"Moved\"}").andExpect(status().isNotFound());
        caller.post(wrong + "/assets", "{\"asset_ids\":[\"" + image + "\"]}").andExpect(status().isNotFound());
        caller.delete(wrong + "/assets", "{\"asset_ids\":[\"" + image + "\"]}").andExpect(status().isNotFound());
        caller.delete(wrong).andExpect(status().isNotFound());
        caller.get(COLLECTIONS + "/" + b + "/entities").andExpect(jsonPath("$.data", hasSize(0)));
        caller.get(COLLECTIONS + "/" + a + "/entities/" + entity).andExpect(status().isOk())
                .andExpect(jsonPath("$.name").value("In A"));
    }

    @Test
    void anotherAccountsCollectionsEntitiesAndAssetsAreMissingAndUnchanged() throws Exception {
        ApiClient.Caller owner = api.as(api.newKey("owner"));
        ApiClient.Caller stranger = api.as(api.newKey("stranger"));
        String collection = owner.createEntityCollection("Private");
        String image = owner.readyAsset(TestVideos.still());
        String entity = owner.createEntity(collection, "Secret", image);
        String strangersCollection = stranger.createEntityCollection("Mine");
        String strangersImage = stranger.readyAsset(TestVideos.still());
        String strangersEntity = stranger.createEntity(strangersCollection, "Mine", strangersImage);

        String c = COLLECTIONS + "/" + collection;
        String e = c + "/entities/" + entity;
        stranger.get(COLLECTIONS).andExpect(jsonPath("$.data[*]._id", not(containsInAnyOrder(collection))))
                .andExpect(jsonPath("$.data[*]._id", contains(strangersCollection)));
        stranger.get(c).andExpect(status().isNotFound());
        stranger.patch(c, "{\"name\":\"Taken\"}").andExpect(status().isNotFound());
        stranger.delete(c).andExpect(status().isNotFound());
        stranger.get(c + "/entities").andExpect(status().isNotFound());
        stranger.post(c + "/entities", "{\"name\":\"In\",\"asset_ids\":[\"" + strangersImage + "\"]}")
                .andExpect(status().isNotFound());
        stranger.post(c + "/entities/bulk", "{\"entities\":[{\"name\":\"In\",\"asset_ids\":[\"" + strangersImage + "\"]}]}")
                .andExpect(status().isNotFound());
        stranger.get(e).andExpect(status().isNotFound());
        stranger.patch(e, "{\"name\":\"Renamed\"}").andExpect(status().isNotFound());
        stranger.post(e + "/assets", "{\"asset_ids\":[\"" + strangersImage + "\"]}").andExpect(status().isNotFound());
        stranger.delete(e + "/assets", "{\"asset_ids\":[\"" + image + "\"]}").andExpect(status().isNotFound());
        stranger.delete(e).andExpect(status().isNotFound());
        stranger.get("/v1.3/assets/" + image + "/entities").andExpect(status().isNotFound());
        // Another account's asset, in the stranger's own entity: refused, nothing added.
        String own = COLLECTIONS + "/" + strangersCollection + "/entities";
        stranger.post(own, "{\"name\":\"Borrowed\",\"asset_ids\":[\"" + image + "\"]}").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("asset_not_found"));
        stranger.post(own + "/" + strangersEntity + "/assets", "{\"asset_ids\":[\"" + image + "\"]}")
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.code").value("asset_not_found"));
        stranger.get(own + "/" + strangersEntity).andExpect(jsonPath("$.asset_ids", contains(strangersImage)));
        stranger.get(own).andExpect(jsonPath("$.data", hasSize(1)));

        owner.get(c).andExpect(status().isOk()).andExpect(jsonPath("$.name").value("Private"));
        owner.get(e).andExpect(status().isOk()).andExpect(jsonPath("$.name").value("Secret"))
                .andExpect(jsonPath("$.asset_ids", contains(image)));
        owner.get("/v1.3/assets/" + image + "/entities").andExpect(jsonPath("$.data[*]._id", contains(entity)));
    }

    @Test
    void deletingAnAssetTakesItOutOfEveryEntity() throws Exception {
        ApiClient.Caller caller = api.as(api.newKey("asset-deleted"));
        String a = caller.createEntityCollection("A");
        String b = caller.createEntityCollection("B");
        String kept = caller.readyAsset(TestVideos.still());
        String deleted = caller.readyAsset(TestVideos.still());
        String first = caller.createEntity(a, "First", kept, deleted);
        String second = caller.createEntity(b, "Second", deleted);
        caller.get("/v1.3/assets/" + deleted + "/entities").andExpect(jsonPath("$.data[*]._id", containsInAnyOrder(first, second)))
                .andExpect(jsonPath("$.data[0].entity_collection_id").isString());

        caller.delete("/v1.3/assets/" + deleted).andExpect(status().isOk());
        caller.get(COLLECTIONS + "/" + a + "/entities/" + first).andExpect(jsonPath("$.asset_ids", contains(kept)))
                .andExpect(jsonPath("$.status").value("ready"));
        // Left without assets: it describes nobody until it gets one again.
        caller.get(COLLECTIONS + "/" + b + "/entities/" + second).andExpect(jsonPath("$.asset_ids", hasSize(0)))
                .andExpect(jsonPath("$.status").value("processing"));
        caller.get("/v1.3/assets/" + deleted + "/entities").andExpect(status().isNotFound());
        caller.get("/v1.3/assets/" + kept + "/entities?page_limit=1").andExpect(jsonPath("$.data[*]._id", contains(first)))
                .andExpect(jsonPath("$.page_info.total_results").value(1))
                .andExpect(jsonPath("$.data[0].metadata", not(nullValue())));
    }

    private void setAssetStatus(String assetId, String status) {
        jdbc.sql("update assets set status = :status where id = :id").param("status", status).param("id", assetId).update();
    }
}
