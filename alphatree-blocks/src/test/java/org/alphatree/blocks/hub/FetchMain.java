package org.alphatree.blocks.hub;

import java.nio.file.Path;

/** A second process for the lock test: fetches one file into a cache and prints its path. */
public final class FetchMain {
    private FetchMain() {}

    /**
     * Runs the fetch.
     *
     * @param args directory, URL, file name, sha256
     * @throws Exception on failure (exit code 1)
     */
    public static void main(String[] args) throws Exception {
        HubCache cache =
                HubCache.builder().optDirectory(Path.of(args[0])).optOffline(false).build();
        System.out.println(cache.fetch(args[1], args[2], args[3], null));
    }
}
