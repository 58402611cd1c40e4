package org.alphatree.blocks.dualpath;

import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.alphatree.blocks.registry.ModelInfo;

/** The DPN registry entries (timm). */
public final class DPNs {
    private DPNs() {}

    private static final String PAPER =
            "Chen, Li, Xiao, Jin, Yan & Feng, \"Dual Path Networks\", NeurIPS 2017";

    /**
     * Returns the entries.
     *
     * @return the entries
     */
    public static List<ModelInfo> all() {
        return List.of(
                entry(
                        "dpn68",
                        12_611_602L,
                        2.326,
                        true,
                        10,
                        128,
                        32,
                        false,
                        new int[] {3, 4, 12, 3},
                        new int[] {16, 32, 32, 64}),
                entry(
                        "dpn68b",
                        12_611_602L,
                        2.326,
                        true,
                        10,
                        128,
                        32,
                        true,
                        new int[] {3, 4, 12, 3},
                        new int[] {16, 32, 32, 64}),
                entry(
                        "dpn92",
                        37_668_392L,
                        6.502,
                        false,
                        64,
                        96,
                        32,
                        false,
                        new int[] {3, 4, 20, 3},
                        new int[] {16, 32, 24, 128}),
                entry(
                        "dpn98",
                        61_570_728L,
                        11.671,
                        false,
                        96,
                        160,
                        40,
                        false,
                        new int[] {3, 6, 20, 3},
                        new int[] {16, 32, 32, 128}),
                entry(
                        "dpn107",
                        86_917_800L,
                        18.299,
                        false,
                        128,
                        200,
                        50,
                        false,
                        new int[] {4, 8, 20, 3},
                        new int[] {20, 64, 64, 128}),
                entry(
                        "dpn131",
                        79_254_504L,
                        16.014,
                        false,
                        128,
                        160,
                        40,
                        false,
                        new int[] {4, 8, 28, 3},
                        new int[] {16, 32, 32, 128}));
    }

    private static ModelInfo entry(
            String name,
            long params,
            double gmacs,
            boolean small,
            int init,
            int kR,
            int groups,
            boolean b,
            int[] kSec,
            int[] incSec) {
        return new ModelInfo(
                name,
                "DPN",
                "timm.models." + name,
                params,
                gmacs,
                new Shape(1, 3, 224, 224),
                1,
                PAPER,
                n -> new DPN(small, init, kR, groups, b, kSec, incSec, n));
    }
}
