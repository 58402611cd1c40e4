package org.alphatree.blocks.inception;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * pytorch-fid's FID Inception ({@code pytorch_fid.inception.fid_inception_v3}): Inception v3 with
 * the 2015 TF graph's modules (average pools exclude padding, Mixed_7c pools with a max), 1008
 * classes, no auxiliary head and no input transform (the FID preprocessing scales inputs to [-1, 1]
 * itself). Its names equal the keys of {@code pt_inception-2015-12-05-6726825d.pth}.
 *
 * <p>FID's four feature blocks are this network's {@link #features}: they end at {@code maxpool1}
 * (64 channels), {@code maxpool2} (192), {@code Mixed_6e} (768) and {@code Mixed_7c} (2048); built
 * headless ({@code numClasses = 0}) the network returns FID's {@code pool3} features.
 *
 * <p>Heusel et al., "GANs Trained by a Two Time-Scale Update Rule Converge to a Local Nash
 * Equilibrium", NeurIPS 2017.
 */
public class FidInceptionV3 extends InceptionV3 {

    /** The TF graph's class count (1000 ImageNet classes and 8 unused). */
    public static final int NUM_CLASSES = 1008;

    /** Channels of the four FID feature blocks. */
    public static final int[] BLOCK_DIMS = {64, 192, 768, 2048};

    private static final List<String> FEATURES =
            List.of("maxpool1", "maxpool2", "Mixed_6e", "Mixed_7c");

    /**
     * pytorch-fid's network with its 1008 classes.
     *
     * @return the network
     */
    public static FidInceptionV3 create() {
        return new FidInceptionV3(NUM_CLASSES);
    }

    /**
     * The FID network with another number of classes (0: headless, returning pool3).
     *
     * @param numClasses classes, {@code >= 0}
     */
    public FidInceptionV3(int numClasses) {
        super(numClasses, false, false, true);
        layout(trunk(), FEATURES, numFeatures());
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "FIDInceptionV3";
    }

    /**
     * FID's four feature blocks, each global-average-pooled as pytorch-fid does: 64, 192, 768 and
     * 2048 channels (the last is pool3).
     *
     * @param ps the parameter store
     * @param x the input, already resized and scaled as the FID preprocessing does
     * @param training training mode
     * @return four (N, C) arrays
     */
    public NDList pooledFeatures(ParameterStore ps, NDArray x, boolean training) {
        NDList maps = features(ps, x, training);
        NDList out = new NDList(maps.size());
        for (NDArray m : maps) {
            NDArray pooled = m.getNDArrayInternal().globalAvgPool();
            m.close();
            out.add(flatten(pooled));
        }
        return out;
    }
}
