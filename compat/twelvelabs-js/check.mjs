// Drives the official TwelveLabs JavaScript SDK against a running Atrium server, the way a TwelveLabs user's
// program would: index, upload, wait, list, filter, update metadata, delete, and the SDK's errors.
//
//   TWELVELABS_BASE_URL=http://localhost:8080/v1.3 TWELVE_LABS_API_KEY=atk_... \
//   ATRIUM_COMPAT_VIDEO=/path/to/a/video.mp4 node check.mjs
//
// The video must pass Atrium's upload rules (4 s or longer, at least 360x360). Exits 0 when every step
// answers as TwelveLabs documents it, 1 with the failing step otherwise; everything it creates is deleted.

import fs from "node:fs";
import path from "node:path";
import { TwelveLabs, TwelvelabsApi, TwelvelabsApiError } from "twelvelabs-js";
import { Mismatch, all, current, expect, expectEqual, expectError, step } from "./harness.mjs";

const baseUrl = process.env.TWELVELABS_BASE_URL;
const apiKey = process.env.TWELVE_LABS_API_KEY;
const videoPath = process.env.ATRIUM_COMPAT_VIDEO;

// Without a base URL the SDK talks to api.twelvelabs.io; this check is only meant for an Atrium server.
if (!baseUrl || !apiKey || !videoPath) {
    console.error("Set TWELVELABS_BASE_URL (e.g. http://localhost:8080/v1.3), TWELVE_LABS_API_KEY (an Atrium API key)"
        + " and ATRIUM_COMPAT_VIDEO (a video file of 4 s or more, at least 360x360).");
    process.exit(2);
}
if (!fs.existsSync(videoPath)) {
    console.error(`ATRIUM_COMPAT_VIDEO: no file at ${videoPath}`);
    process.exit(2);
}

const client = new TwelveLabs({ apiKey });
const filename = path.basename(videoPath);
const fileSize = fs.statSync(videoPath).size;
const suffix = `${Date.now()}-${process.pid}`;
const indexName = `sdk-compat-${suffix}`;
// twelvelabs-js 1.3.4 accepts only marengo3.0 when it creates an index.
const models = [{ modelName: "marengo3.0", modelOptions: ["visual", "audio"] }];
let indexId;

async function run() {
    console.log(`twelvelabs-js against ${baseUrl}`);

    step("indexes.create with marengo3.0 and the thumbnail addon");
    const created = await client.indexes.create({ indexName, models, addons: ["thumbnail"] });
    indexId = created.id;
    expect(/^[0-9a-f]{24}$/.test(indexId ?? ""), "the new index's id is 24 hex characters", created);

    step("indexes.create with the same name answers BadRequestError index_name_already_exists");
    await expectError(() => client.indexes.create({ indexName, models }), TwelvelabsApi.BadRequestError, 400,
        "index_name_already_exists", "duplicate index name");

    step("indexes.retrieve");
    const index = await client.indexes.retrieve(indexId);
    expectEqual(index.id, indexId, "retrieved index id");
    expectEqual(index.indexName, indexName, "index name");
    expectEqual(index.models, models, "index models");
    expectEqual(index.addons, ["thumbnail"], "index addons");
    expectEqual(index.videoCount, 0, "video count of a new index");
    expectEqual(index.totalDuration, 0, "total duration of a new index");
    expect(!Number.isNaN(Date.parse(index.createdAt)), "created_at is a time", index.createdAt);
    expect(!Number.isNaN(Date.parse(index.expiresAt)), "expires_at is a time on the free plan", index.expiresAt);

    step("indexes.list filtered by index name, model family and model options, walking every page");
    const listed = await all(client.indexes.list({ indexName, pageLimit: 5 }));
    expectEqual(listed.map((i) => i.id), [indexId], "indexes listed under the new name");
    const indexDay = index.createdAt.slice(0, 10);
    expectEqual((await all(client.indexes.list({
        indexName, modelFamily: "marengo", modelOptions: "visual,audio", createdAt: `${indexDay}T00:00:00Z`,
    }))).map((i) => i.id), [indexId], "indexes with marengo, visual and audio, created on the index's day");
    expectEqual((await all(client.indexes.list({ indexName, modelFamily: "pegasus" }))).length, 0,
        "indexes of the pegasus family under the new name");

    step("indexes.update renames the index");
    const renamed = `${indexName}-renamed`;
    await client.indexes.update(indexId, { indexName: renamed });
    expectEqual((await client.indexes.retrieve(indexId)).indexName, renamed, "name after update");

    step("tasks.create uploads the video file with user metadata");
    const task = await client.tasks.create({
        indexId,
        videoFile: fs.createReadStream(videoPath),
        enableVideoStream: true,
        userMetadata: JSON.stringify({ category: "harbor", take: 3, approved: false }),
    });
    expect(/^[0-9a-f]{24}$/.test(task.id ?? ""), "the task id is 24 hex characters", task);
    expect(/^[0-9a-f]{24}$/.test(task.videoId ?? ""), "the task names its video id", task);

    step("tasks.waitForDone until the task is ready");
    const seen = [];
    const done = await client.tasks.waitForDone(task.id, {
        sleepInterval: 0.5,
        callback: (t) => {
            if (seen[seen.length - 1] !== t.status) {
                seen.push(t.status);
            }
        },
    });
    console.log(`  statuses seen: ${seen.join(" -> ")}`);
    expect(done.status === "ready", "the task ends ready", { status: done.status, error: done.error });
    expectEqual(done.id, task.id, "task id");
    expectEqual(done.videoId, task.videoId, "task video id");
    expectEqual(done.indexId, indexId, "task index id");
    expectEqual(done.systemMetadata?.filename, filename, "task filename");
    expect(done.systemMetadata?.duration >= 4, "task duration read from the file", done.systemMetadata);
    expect(done.systemMetadata?.width >= 360 && done.systemMetadata?.height >= 360,
        "task width and height read from the file", done.systemMetadata);
    // The HLS rendition is made after the video is ready: PROCESSING until its playlist exists, then COMPLETE.
    expect(["PROCESSING", "COMPLETE"].includes(done.hls?.status),
        "the ready task's hls shows its rendition under way or done", done.hls);
    const videoId = done.videoId;
    const duration = done.systemMetadata.duration;

    step("tasks.list filtered by index, status and filename");
    const readyTasks = await all(client.tasks.list({ indexId, status: ["ready"], filename }));
    expectEqual(readyTasks.map((t) => t.id), [task.id], "ready tasks of the index with that filename");
    const failedTasks = await all(client.tasks.list({ indexId, status: ["failed"] }));
    expectEqual(failedTasks.length, 0, "failed tasks of the index");

    step("tasks.list filtered by duration, width and height");
    const { width, height } = done.systemMetadata;
    expectEqual((await all(client.tasks.list({ indexId, duration, width, height }))).map((t) => t.id), [task.id],
        "tasks with the video's duration, width and height");
    expectEqual((await all(client.tasks.list({ indexId, width: width + 1 }))).length, 0, "tasks of another width");

    step("indexes.videos.list");
    const videos = await all(client.indexes.videos.list(indexId));
    expectEqual(videos.map((v) => v.id), [videoId], "videos of the index");
    expectEqual(videos[0].systemMetadata?.filename, filename, "listed video filename");
    expect(Math.abs(videos[0].systemMetadata?.duration - duration) < 0.01, "listed video duration",
        videos[0].systemMetadata);
    expectEqual(videos[0].systemMetadata?.size, fileSize, "listed video size");

    step("indexes.videos.list filtered by filename");
    expectEqual((await all(client.indexes.videos.list(indexId, { filename }))).map((v) => v.id), [videoId],
        "videos with the uploaded filename");
    expectEqual((await all(client.indexes.videos.list(indexId, { filename: `not-${filename}` }))).length, 0,
        "videos with another filename");

    step("indexes.videos.list filtered by creation time (at or after)");
    const videoDay = videos[0].createdAt.slice(0, 10);
    expectEqual((await all(client.indexes.videos.list(indexId, { createdAt: `${videoDay}T00:00:00Z` })))
        .map((v) => v.id), [videoId], "videos created at or after the start of the video's day");
    const inAnHour = new Date(Date.now() + 3600 * 1000).toISOString();
    expectEqual((await all(client.indexes.videos.list(indexId, { createdAt: inAnHour }))).length, 0,
        "videos created at or after an hour from now");

    step("indexes.videos.list filtered by duration range and user metadata");
    expectEqual((await all(client.indexes.videos.list(indexId, { duration: { gte: 4, lte: duration + 1 } })))
        .map((v) => v.id), [videoId], "videos within the duration range");
    expectEqual((await all(client.indexes.videos.list(indexId, { duration: { gte: duration + 1 } }))).length, 0,
        "videos longer than the upload");
    expectEqual((await all(client.indexes.videos.list(indexId, { userMetadata: { category: "harbor" } })))
        .map((v) => v.id), [videoId], "videos whose category is harbor");
    expectEqual((await all(client.indexes.videos.list(indexId, { userMetadata: { category: "city" } }))).length, 0,
        "videos whose category is city");
    expectEqual((await all(client.indexes.videos.list(indexId, { userMetadata: { take: 3, approved: false } })))
        .map((v) => v.id), [videoId], "videos of take 3, not approved");

    step("indexes.videos.retrieve shows user metadata and a playable HLS stream");
    let video = await client.indexes.videos.retrieve(indexId, videoId);
    for (let waited = 0; video.hls?.status !== "COMPLETE" && waited < 60_000; waited += 250) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        video = await client.indexes.videos.retrieve(indexId, videoId);
    }
    expectEqual(video.hls?.status, "COMPLETE", "hls.status once the rendition is made");
    expectEqual(video.id, videoId, "retrieved video id");
    expectEqual(video.userMetadata, { category: "harbor", take: 3, approved: false }, "user metadata from the upload");
    expectEqual(video.systemMetadata?.filename, filename, "retrieved video filename");
    expect(typeof video.hls?.videoUrl === "string", "hls.video_url is a link", video.hls);
    expect(Array.isArray(video.hls?.thumbnailUrls) && video.hls.thumbnailUrls.length > 0,
        "hls.thumbnail_urls lists the thumbnail of an index with the thumbnail addon", video.hls);
    // What an HLS player does with the link: read the playlist, then ask for the first bytes of a segment.
    const playlist = await fetch(video.hls.videoUrl);
    expectEqual(playlist.status, 200, "status of hls.video_url");
    expectEqual(playlist.headers.get("content-type"), "application/vnd.apple.mpegurl", "type of hls.video_url");
    const segmentLine = (await playlist.text()).split("\n").find((line) => line && !line.startsWith("#"));
    const firstBytes = await fetch(new URL(segmentLine, video.hls.videoUrl), { headers: { Range: "bytes=0-99" } });
    expectEqual(firstBytes.status, 206, "status of a range request on a segment");
    expectEqual((await firstBytes.arrayBuffer()).byteLength, 100, "bytes answered for bytes=0-99");

    step("indexes.videos.update merges user metadata (null removes a key)");
    await client.indexes.videos.update(indexId, videoId, {
        userMetadata: { category: "reviewed", take: null, reviewer: "compat" },
    });
    const updated = await client.indexes.videos.retrieve(indexId, videoId);
    expectEqual(updated.userMetadata, { category: "reviewed", approved: false, reviewer: "compat" },
        "user metadata after the update");
    expectEqual((await all(client.indexes.videos.list(indexId, { userMetadata: { category: "reviewed" } })))
        .map((v) => v.id), [videoId], "videos whose category is now reviewed");

    step("indexes.retrieve counts the video");
    const counted = await client.indexes.retrieve(indexId);
    expectEqual(counted.videoCount, 1, "video count");
    expect(Math.abs(counted.totalDuration - duration) < 0.01, "total duration", counted.totalDuration);

    step("tasks.create into an index that does not exist answers 404 resource_not_exist");
    await expectError(() => client.tasks.create({
        indexId: "0123456789abcdef01234567",
        videoFile: fs.createReadStream(videoPath),
    }), TwelvelabsApiError, 404, "resource_not_exist", "upload into a missing index");

    step("indexes.videos.delete, then the video is gone");
    await client.indexes.videos.delete(indexId, videoId);
    await expectError(() => client.indexes.videos.retrieve(indexId, videoId), TwelvelabsApi.NotFoundError, 404,
        "resource_not_exist", "retrieving the deleted video");
    expectEqual((await all(client.indexes.videos.list(indexId))).length, 0, "videos left in the index");

    step("tasks.delete once its video is deleted");
    await client.tasks.delete(task.id);
    await expectError(() => client.tasks.retrieve(task.id), TwelvelabsApiError, 404, "resource_not_exist",
        "retrieving the deleted task");

    step("indexes.delete, then retrieving the index answers 404 resource_not_exist");
    await client.indexes.delete(indexId);
    const deletedId = indexId;
    indexId = undefined;
    await expectError(() => client.indexes.retrieve(deletedId), TwelvelabsApiError, 404, "resource_not_exist",
        "retrieving the deleted index");
    expectEqual((await all(client.indexes.list({ indexName: renamed }))).length, 0, "indexes left under the name");
}

try {
    await run();
    console.log("OK: twelvelabs-js works against this server unchanged.");
} catch (error) {
    console.error(`FAILED at "${current()}":`);
    console.error(error instanceof Mismatch ? error.message : error);
    if (indexId) {
        await client.indexes.delete(indexId).catch((e) => console.error(`(could not delete index ${indexId}: ${e.message})`));
    }
    process.exitCode = 1;
}
