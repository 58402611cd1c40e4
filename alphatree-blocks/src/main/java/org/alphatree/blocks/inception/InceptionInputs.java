package org.alphatree.blocks.inception;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import org.alphatree.blocks.core.BlockException;

/** Input checks and torchvision's {@code transform_input}, shared by the Inception networks. */
final class InceptionInputs {
    private InceptionInputs() {}

    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    /**
     * Checks an RGB NCHW input of at least {@code min}×{@code min}.
     *
     * @param kind the network, for the message
     * @param x the input
     * @param min the minimum spatial size
     */
    static void check(String kind, NDArray x, int min) {
        if (x.getShape().dimension() != 4 || x.getShape().get(1) != 3) {
            throw new BlockException(
                    "", kind + " expects input (N, 3, H, W), got " + x.getShape(), null);
        }
        if (x.getShape().get(2) < min || x.getShape().get(3) < min) {
            throw new BlockException(
                    "",
                    kind
                            + " needs an input of at least "
                            + min
                            + "x"
                            + min
                            + ", got "
                            + x.getShape(),
                    null);
        }
    }

    /**
     * torchvision's {@code transform_input}: ImageNet-normalized input to the [-1, 1] range of the
     * original weights, {@code x_c · std_c / 0.5 + (mean_c − 0.5) / 0.5}.
     *
     * @param x (N, 3, H, W)
     * @return the transformed input
     */
    static NDArray transform(NDArray x) {
        NDList ch = x.split(3, 1);
        NDList out = new NDList(3);
        for (int c = 0; c < 3; c++) {
            out.add(ch.get(c).mul(STD[c] / 0.5f).add((MEAN[c] - 0.5f) / 0.5f));
        }
        return NDArrays.concat(out, 1);
    }
}
