package org.alphatree.blocks.inception;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.alphatree.blocks.core.NetworkBlock;
import org.alphatree.blocks.inception.InceptionV3Blocks.InceptionA;
import org.alphatree.blocks.inception.InceptionV3Blocks.InceptionB;
import org.alphatree.blocks.inception.InceptionV3Blocks.InceptionC;
import org.alphatree.blocks.inception.InceptionV3Blocks.InceptionD;
import org.alphatree.blocks.inception.InceptionV3Blocks.InceptionE;
import org.alphatree.blocks.layers.Dropout;
import org.alphatree.blocks.layers.GlobalAvgPool;
import org.alphatree.blocks.layers.Pool2d;

/**
 * Inception v3 with torchvision's module names ({@code Conv2d_1a_3x3}, {@code Mixed_5b}, ...,
 * {@code AuxLogits}, {@code fc}). Its FID variant, pytorch-fid's network, is {@link
 * FidInceptionV3}.
 *
 * <p>In training mode with the auxiliary head, the output is {@code (logits, aux_logits)} like
 * torchvision's {@code InceptionOutputs}; otherwise the logits.
 *
 * <p>Stage outputs ({@link #features}): timm's taps {@code Conv2d_2b_3x3} (stride 2), {@code
 * Conv2d_4a_3x3} (4), {@code Mixed_5d} (8), {@code Mixed_6e} (16), {@code Mixed_7c} (32).
 *
 * <p>Szegedy, Vanhoucke, Ioffe, Shlens &amp; Wojna, "Rethinking the Inception Architecture for
 * Computer Vision", CVPR 2016.
 */
public class InceptionV3 extends NetworkBlock {

    /** The smallest input torchvision's Inception v3 accepts (its {@code min_size}). */
    public static final int MIN_SIZE = 75;

    /** The trunk up to the auxiliary head's input ({@code Mixed_6e}). */
    static final List<String> TO_AUX =
            List.of(
                    "Conv2d_1a_3x3",
                    "Conv2d_2a_3x3",
                    "Conv2d_2b_3x3",
                    "maxpool1",
                    "Conv2d_3b_1x1",
                    "Conv2d_4a_3x3",
                    "maxpool2",
                    "Mixed_5b",
                    "Mixed_5c",
                    "Mixed_5d",
                    "Mixed_6a",
                    "Mixed_6b",
                    "Mixed_6c",
                    "Mixed_6d",
                    "Mixed_6e");

    private static final List<String> AFTER_AUX = List.of("Mixed_7a", "Mixed_7b", "Mixed_7c");
    private static final List<String> TRUNK = concat(TO_AUX, AFTER_AUX);
    private static final String[] TO_AUX_ARRAY = TO_AUX.toArray(String[]::new);
    private static final String[] AFTER_AUX_ARRAY = AFTER_AUX.toArray(String[]::new);
    private static final List<String> FEATURES =
            List.of("Conv2d_2b_3x3", "Conv2d_4a_3x3", "Mixed_5d", "Mixed_6e", "Mixed_7c");

    private final boolean transformInput;

    private InceptionV3(Builder b) {
        this(b.getNumClasses(), b.auxLogits(), b.transformInput, false);
    }

    /**
     * Builds the trunk and head, with torchvision's modules or pytorch-fid's.
     *
     * @param numClasses classes
     * @param auxLogits whether to build the auxiliary head
     * @param transformInput torchvision's {@code transform_input}
     * @param fid pytorch-fid's modules (average pools without padding, Mixed_7c's max pool)
     */
    InceptionV3(int numClasses, boolean auxLogits, boolean transformInput, boolean fid) {
        super(numClasses, new Head("avgpool", "dropout", "fc", false));
        layout(TRUNK, FEATURES, 2048);
        minInputSize(MIN_SIZE);
        this.transformInput = transformInput;
        add("Conv2d_1a_3x3", InceptionV3Blocks.conv(32, 3, 2, 0));
        add("Conv2d_2a_3x3", InceptionV3Blocks.conv(32, 3, 1, 0));
        add("Conv2d_2b_3x3", InceptionV3Blocks.conv(64, 3, 1, 1));
        add("maxpool1", Pool2d.max(3, 2, 0, false));
        add("Conv2d_3b_1x1", InceptionV3Blocks.conv(80, 1));
        add("Conv2d_4a_3x3", InceptionV3Blocks.conv(192, 3, 1, 0));
        add("maxpool2", Pool2d.max(3, 2, 0, false));
        add("Mixed_5b", fid ? InceptionA.fid(32) : new InceptionA(32));
        add("Mixed_5c", fid ? InceptionA.fid(64) : new InceptionA(64));
        add("Mixed_5d", fid ? InceptionA.fid(64) : new InceptionA(64));
        add("Mixed_6a", new InceptionB());
        add("Mixed_6b", fid ? InceptionC.fid(128) : new InceptionC(128));
        add("Mixed_6c", fid ? InceptionC.fid(160) : new InceptionC(160));
        add("Mixed_6d", fid ? InceptionC.fid(160) : new InceptionC(160));
        add("Mixed_6e", fid ? InceptionC.fid(192) : new InceptionC(192));
        if (auxLogits) {
            add("AuxLogits", new InceptionAux(numClasses));
        }
        add("Mixed_7a", new InceptionD());
        add("Mixed_7b", fid ? InceptionE.fid1() : new InceptionE());
        add("Mixed_7c", fid ? InceptionE.fid2() : new InceptionE());
        add("avgpool", new GlobalAvgPool());
        add("dropout", new Dropout(0.5f));
        addClassifier();
    }

    /**
     * Returns a builder (torchvision's defaults: 1000 classes, the auxiliary head, no input
     * transform).
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray prepareInput(NDArray x) {
        return transformInput ? InceptionInputs.transform(x) : x;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (!hasChild("AuxLogits") || !(training || initializing())) {
            return super.forwardInternal(ps, inputs, training, params);
        }
        NDArray x = runFromInput(ps, inputs.singletonOrThrow(), training, TO_AUX_ARRAY);
        NDArray aux = null;
        if (training) {
            aux = call("AuxLogits", ps, x, training);
        } else {
            // the head's parameters depend only on channels; give it the 17x17 map it sees at
            // 299x299 so that initialization works for any input the trunk accepts
            Shape s = new Shape(x.getShape().get(0), x.getShape().get(1), 17, 17);
            call("AuxLogits", ps, x.getManager().zeros(s, x.getDataType(), x.getDevice()), false);
        }
        NDArray y = chain(ps, x, training, AFTER_AUX_ARRAY);
        if (y != x) {
            x.close();
        }
        NDArray logits = forwardHead(ps, y, training);
        y.close();
        return aux == null ? new NDList(logits) : new NDList(logits, aux);
    }

    /** Builds an {@link InceptionV3}. */
    public static final class Builder extends TorchvisionInceptionBuilder<Builder> {
        private Builder() {}

        /**
         * Builds the network.
         *
         * @return the network
         * @throws IllegalArgumentException if numClasses is negative, or auxiliary heads are
         *     requested without classes
         */
        public InceptionV3 build() {
            validate();
            return new InceptionV3(this);
        }
    }
}
