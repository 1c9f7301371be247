// What the compatibility checks share: named steps, expectations that say what differed, the SDK's errors, and
// walking every page of a list.

export class Mismatch extends Error {}

let currentStep = "start";

/** The step that is running, for the report of a failure. */
export function current() {
    return currentStep;
}

export function step(name) {
    currentStep = name;
    console.log(`- ${name}`);
}

export function expect(condition, what, actual) {
    if (!condition) {
        throw new Mismatch(actual === undefined ? what : `${what}; got ${JSON.stringify(actual)}`);
    }
}

export function expectEqual(actual, expected, what) {
    expect(JSON.stringify(actual) === JSON.stringify(expected), `${what}: expected ${JSON.stringify(expected)}`, actual);
}

/** Runs a call that must fail and returns the SDK's error, checking its class, status and error code. */
export async function expectError(call, errorClass, statusCode, code, what) {
    try {
        const answer = await call();
        throw new Mismatch(`${what}: expected ${errorClass.name} ${statusCode} ${code}, but the call succeeded`
            + ` with ${JSON.stringify(answer)}`);
    } catch (error) {
        if (error instanceof Mismatch) {
            throw error;
        }
        expect(error instanceof errorClass, `${what}: expected the SDK to throw ${errorClass.name}`,
            `${error?.constructor?.name}: ${error?.message}`);
        expectEqual(error.statusCode, statusCode, `${what}: status code`);
        expectEqual(error.body?.code, code, `${what}: error code`);
        return error;
    }
}

/** Every item of an SDK page and the pages after it, as `for await` walks them. */
export async function all(pageable) {
    const items = [];
    for await (const item of await pageable) {
        items.push(item);
    }
    return items;
}

