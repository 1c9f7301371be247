// Drives the official TwelveLabs JavaScript SDK through the upload flow of its README against a running Atrium
// server: assets.create (a file, then a URL), indexes.indexedAssets.create, indexedAssets.retrieve until ready,
// lists, metadata, deletions, and a model call that fails at once.
//
//   TWELVELABS_BASE_URL=http://localhost:8080/v1.3 TWELVE_LABS_API_KEY=atk_... \
//   ATRIUM_COMPAT_VIDEO=/path/to/a/video.mp4 ATRIUM_COMPAT_VIDEO_URL=http://127.0.0.1:9000/video.mp4 \
//   ATRIUM_COMPAT_IMAGE=/path/to/a/face.png ATRIUM_COMPAT_LARGE_VIDEO=/path/to/a/large.mp4 node assets.mjs
//
// The video must pass Atrium's upload rules (4 s or longer, at least 360x360); the URL must serve the same file from
// an address the server may download from. Exits 0 when every step answers as TwelveLabs documents it, 1 with the
// failing step otherwise; everything it creates is deleted.

import fs from "node:fs";
import path from "node:path";
import { TwelveLabs, TwelvelabsApi, TwelvelabsApiError } from "twelvelabs-js";
import { Mismatch, all, current, expect, expectEqual, expectError, step } from "./harness.mjs";

const baseUrl = process.env.TWELVELABS_BASE_URL;
const apiKey = process.env.TWELVE_LABS_API_KEY;
const videoPath = process.env.ATRIUM_COMPAT_VIDEO;
const videoUrl = process.env.ATRIUM_COMPAT_VIDEO_URL;
const imagePath = process.env.ATRIUM_COMPAT_IMAGE;
// a video larger than one chunk of the server's multipart uploads
const largePath = process.env.ATRIUM_COMPAT_LARGE_VIDEO;

if (!baseUrl || !apiKey || !videoPath || !videoUrl || !imagePath || !largePath) {
    console.error("Set TWELVELABS_BASE_URL, TWELVE_LABS_API_KEY, ATRIUM_COMPAT_VIDEO (a video file of 4 s or more,"
        + " at least 360x360), ATRIUM_COMPAT_VIDEO_URL (the same file served over HTTP) and ATRIUM_COMPAT_IMAGE"
        + " (a PNG or JPEG image) and ATRIUM_COMPAT_LARGE_VIDEO (a video larger than one multipart chunk).");
    process.exit(2);
}

const client = new TwelveLabs({ apiKey });
const filename = path.basename(videoPath);
const fileSize = fs.statSync(videoPath).size;
const suffix = `${Date.now()}-${process.pid}`;
const created = { indexId: undefined, assetIds: [], collectionId: undefined };

/** The README's loop: retrieve the asset until it is ready (or failed). */
async function readyAsset(assetId) {
    for (let i = 0; i < 120; i++) {
        const asset = await client.assets.retrieve(assetId);
        if (asset.status === "ready" || asset.status === "failed") {
            return asset;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Mismatch(`asset ${assetId} was not ready after 30 s`);
}

/** The README's loop: retrieve the indexed asset until it is ready (or failed), with the statuses seen. */
async function indexedAsset(indexId, id) {
    const seen = [];
    for (let i = 0; i < 120; i++) {
        const indexed = await client.indexes.indexedAssets.retrieve(indexId, id);
        if (seen[seen.length - 1] !== indexed.status) {
            seen.push(indexed.status);
        }
        if (indexed.status === "ready" || indexed.status === "failed") {
            console.log(`  statuses seen: ${seen.join(" -> ")}`);
            return indexed;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Mismatch(`indexed asset ${id} was not ready after 30 s`);
}

async function run() {
    console.log(`twelvelabs-js (assets) against ${baseUrl}`);

    step("assets.create with method direct and a file stream");
    const direct = await client.assets.create({
        method: "direct",
        file: fs.createReadStream(videoPath),
        enableThumbnail: true,
        userMetadata: JSON.stringify({ source: "readme", take: 1 }),
    });
    created.assetIds.push(direct.id);
    expect(/^[0-9a-f]{24}$/.test(direct.id ?? ""), "the new asset's id is 24 hex characters", direct);
    expectEqual(direct.method, "direct", "method");
    expectEqual(direct.filename, filename, "filename");

    step("assets.retrieve until the asset is ready");
    const asset = await readyAsset(direct.id);
    expectEqual(asset.status, "ready", "asset status");
    expectEqual(asset.size, fileSize, "asset size");
    expectEqual(asset.fileType, "video/mp4", "file type");
    expect(asset.duration >= 4, "duration read from the file", asset.duration);
    expect(asset.technicalMetadata?.videoWidth >= 360, "technical metadata names the width", asset.technicalMetadata);
    expectEqual(asset.technicalMetadata?.fileSizeBytes, fileSize, "technical metadata file size");
    expectEqual(asset.userMetadata, { source: "readme", take: 1 }, "user metadata from the upload");
    expectEqual(asset.thumbnail?.status, "ready", "thumbnail status");

    step("assets.create with method url");
    const fromUrl = await client.assets.create({ method: "url", url: videoUrl, filename: `url-${filename}` });
    created.assetIds.push(fromUrl.id);
    const downloaded = await readyAsset(fromUrl.id);
    expectEqual(downloaded.status, "ready", "status of the asset downloaded from the URL");
    expectEqual(downloaded.size, fileSize, "size of the downloaded asset");
    expectEqual(downloaded.filename, `url-${filename}`, "filename given with the URL");

    step("multipartUpload.uploadFile sends a file larger than one chunk straight through the returned links");
    const progress = [];
    const uploaded = await client.multipartUpload.uploadFile(largePath, {
        filename: `chunked-${path.basename(largePath)}`,
        progressCallback: (p) => progress.push(p.completedChunks),
    });
    created.assetIds.push(uploaded.assetId);
    expect(/^[0-9a-f]{24}$/.test(uploaded.assetId ?? ""), "the uploaded asset's id", uploaded);
    const chunked = await readyAsset(uploaded.assetId);
    expectEqual(chunked.status, "ready", "status of the asset put together from chunks");
    expectEqual(chunked.method, "multipart", "method of the chunked asset");
    expectEqual(chunked.size, fs.statSync(largePath).size, "size of the asset put together from chunks");
    expect(Math.max(...progress) > 1, "the file went in more than one chunk", progress);
    expectEqual((await all(client.multipartUpload.listIncompleteUploads())).length, 0, "incomplete uploads left");

    step("assets.list filtered by ids, type and filename");
    expectEqual((await all(client.assets.list({ assetIds: [direct.id, fromUrl.id], assetTypes: ["video"] })))
        .map((a) => a.id).sort(), [direct.id, fromUrl.id].sort(), "video assets among the two ids");
    expectEqual((await all(client.assets.list({ assetIds: [direct.id], assetTypes: ["image"] }))).length, 0,
        "image assets among the video ids");
    expectEqual((await all(client.assets.list({ filename: `url-${filename}` }))).map((a) => a.id), [fromUrl.id],
        "assets with the URL's filename");

    step("assets user metadata: update merges, replace replaces, delete clears");
    await client.assets.updateUserMetadata(direct.id, { userMetadata: { take: 2, reviewed: true } });
    expectEqual((await client.assets.retrieve(direct.id)).userMetadata, { source: "readme", take: 2, reviewed: true },
        "user metadata after the update");
    await client.assets.replaceUserMetadata(direct.id, { userMetadata: { only: "this" } });
    expectEqual((await client.assets.retrieve(direct.id)).userMetadata, { only: "this" }, "after the replacement");
    await client.assets.deleteUserMetadata(direct.id);
    const cleared = (await client.assets.retrieve(direct.id)).userMetadata;
    expect(cleared == null || Object.keys(cleared).length === 0, "no user metadata after the deletion", cleared);

    step("indexes.indexedAssets.create, then indexedAssets.retrieve until ready");
    const index = await client.indexes.create({
        indexName: `sdk-assets-${suffix}`,
        models: [{ modelName: "marengo3.0", modelOptions: ["visual", "audio"] }],
    });
    created.indexId = index.id;
    const indexing = await client.indexes.indexedAssets.create(index.id, { assetId: direct.id });
    expect(/^[0-9a-f]{24}$/.test(indexing.id ?? ""), "the indexed asset's id is 24 hex characters", indexing);
    const indexed = await indexedAsset(index.id, indexing.id);
    expectEqual(indexed.status, "ready", "indexed asset status");
    expectEqual(indexed.assetId, direct.id, "indexed asset's asset id");
    expectEqual(indexed.systemMetadata?.filename, filename, "indexed asset filename");
    expect(indexed.systemMetadata?.duration >= 4, "indexed asset duration", indexed.systemMetadata);

    step("indexes.indexedAssets.create of the same asset again answers BadRequestError asset_already_indexed");
    await expectError(() => client.indexes.indexedAssets.create(index.id, { assetId: direct.id }),
        TwelvelabsApi.BadRequestError, 400, "asset_already_indexed", "indexing an asset twice into one index");

    step("indexes.indexedAssets.list and listByAsset, and the video is the same item");
    expectEqual((await all(client.indexes.indexedAssets.list(index.id, { status: ["ready"] }))).map((i) => i.id),
        [indexing.id], "ready indexed assets of the index");
    expectEqual((await all(client.indexes.indexedAssets.listByAsset(direct.id))).map((i) => i.id), [indexing.id],
        "indexed assets of the asset");
    const video = await client.indexes.videos.retrieve(index.id, indexing.id);
    expectEqual(video.assetId, direct.id, "the video names its asset");

    step("indexes.indexedAssets.update merges user metadata");
    await client.indexes.indexedAssets.update(index.id, indexing.id, { userMetadata: { scene: "harbor" } });
    expectEqual((await client.indexes.indexedAssets.retrieve(index.id, indexing.id)).userMetadata,
        { scene: "harbor" }, "indexed asset user metadata");

    step("a model call fails at once with api_not_allowed");
    await expectError(() => client.search.create({ indexId: index.id, queryText: "harbor", searchOptions: ["visual"] }),
        TwelvelabsApiError, 403, "api_not_allowed", "search on a server that runs no models");

    step("assets.delete of an indexed asset answers 409 unless forced");
    await expectError(() => client.assets.delete(direct.id), TwelvelabsApiError, 409, "asset_in_use",
        "deleting an indexed asset");
    await client.indexes.indexedAssets.delete(index.id, indexing.id);
    await expectError(() => client.indexes.indexedAssets.retrieve(index.id, indexing.id), TwelvelabsApiError, 404,
        "resource_not_exist", "retrieving the deleted indexed asset");
    await client.assets.delete(direct.id);
    await client.assets.delete(fromUrl.id, { force: true });
    await client.assets.delete(uploaded.assetId);
    created.assetIds = [];
    await expectError(() => client.assets.retrieve(direct.id), TwelvelabsApiError, 404, "resource_not_exist",
        "retrieving the deleted asset");

    await client.indexes.delete(index.id);
    created.indexId = undefined;

    step("entityCollections.create, and an entity of an image asset that becomes ready");
    const image = await client.assets.create({ method: "direct", file: fs.createReadStream(imagePath) });
    created.assetIds.push(image.id);
    expectEqual((await readyAsset(image.id)).status, "ready", "image asset status");
    const collection = await client.entityCollections.create({ name: `crew-${suffix}` });
    created.collectionId = collection.id;
    expect(/^[0-9a-f]{24}$/.test(collection.id ?? ""), "the collection's id is 24 hex characters", collection);
    const entity = await client.entityCollections.entities.create(collection.id, {
        name: "Grace", assetIds: [image.id], metadata: { role: "captain" },
    });
    expectEqual(entity.assetIds, [image.id], "the entity's assets");
    expectEqual(entity.status, "ready", "an entity whose image is ready");
    expectEqual((await all(client.entityCollections.entities.list(collection.id, { status: "ready" })))
        .map((e) => e.id), [entity.id], "ready entities of the collection");
    expectEqual((await all(client.entityCollections.entities.listByAsset(image.id))).map((e) => e.id), [entity.id],
        "entities of the image asset");
    expectEqual((await client.entityCollections.entities.retrieve(collection.id, entity.id)).metadata,
        { role: "captain" }, "the entity's metadata");

    step("entityCollections.delete takes its entities; the image asset is then deleted");
    await client.entityCollections.delete(collection.id);
    created.collectionId = undefined;
    await expectError(() => client.entityCollections.retrieve(collection.id), TwelvelabsApiError, 404,
        "resource_not_exist", "retrieving the deleted collection");
    await client.assets.delete(image.id);
    created.assetIds = [];
}

try {
    await run();
    console.log("OK: twelvelabs-js uploads and indexes assets against this server unchanged.");
} catch (error) {
    console.error(`FAILED at "${current()}":`);
    console.error(error instanceof Mismatch ? error.message : error);
    if (created.collectionId) {
        await client.entityCollections.delete(created.collectionId).catch(() => {});
    }
    for (const assetId of created.assetIds) {
        await client.assets.delete(assetId, { force: true }).catch(() => {});
    }
    if (created.indexId) {
        await client.indexes.delete(created.indexId).catch(() => {});
    }
    process.exitCode = 1;
}
