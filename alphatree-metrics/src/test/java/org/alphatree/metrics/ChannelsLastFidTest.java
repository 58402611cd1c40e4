package org.alphatree.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.alphatree.blocks.inception.FidInceptionV3;
import org.alphatree.blocks.testing.DeterministicWeights;
import org.alphatree.blocks.testing.Fixtures;
import org.junit.jupiter.api.Test;

/** FID extraction runs channels last by default, within 1e-5 of the NCHW path. */
class ChannelsLastFidTest {

    @Test
    void channelsLastFeaturesAndLogitsEqualTheNchwOnes() {
        NDManager m = NDManager.newBaseManager();
        FidInceptionV3 net = FidInceptionV3.create();
        net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 299, 299));
        DeterministicWeights.fill(net);
        try (FidInception fid = FidInception.of(m, net, Preprocessing.PYTORCH_FID);
                NDManager data = NDManager.newBaseManager()) {
            assertTrue(fid.isChannelsLast(), "the default");
            NDArray x = data.randomUniform(0, 1, new Shape(3, 3, 120, 97));
            float[] fast = fid.features(x, 2048);
            float[] fastLogits = fid.logitsUnbiased(x);
            float[] fast64 = fid.features(x, 64);
            fid.channelsLast(false);
            assertFalse(fid.isChannelsLast());
            double rel = Fixtures.relError(fid.features(x, 2048), fast);
            double relLogits = Fixtures.relError(fid.logitsUnbiased(x), fastLogits);
            double rel64 = Fixtures.relError(fid.features(x, 64), fast64);
            assertTrue(
                    rel < 1e-5 && relLogits < 1e-5 && rel64 < 1e-5,
                    "pool3 " + rel + ", logits " + relLogits + ", block 0 " + rel64);
        }
    }
}
