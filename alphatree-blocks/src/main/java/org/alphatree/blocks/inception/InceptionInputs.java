package org.alphatree.blocks.inception;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/** torchvision's {@code transform_input}, shared by GoogLeNet and Inception v3. */
final class InceptionInputs {
    private InceptionInputs() {}

    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

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
