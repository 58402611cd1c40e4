package org.alphatree.blocks.inception;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.inception.InceptionV3Blocks.InceptionA;
import org.alphatree.blocks.inception.InceptionV3Blocks.InceptionB;
import org.alphatree.blocks.inception.InceptionV3Blocks.InceptionC;
import org.alphatree.blocks.inception.InceptionV3Blocks.InceptionD;
import org.alphatree.blocks.inception.InceptionV3Blocks.InceptionE;
import org.alphatree.blocks.layers.Dropout;
import org.alphatree.blocks.layers.GlobalAvgPool;
import org.alphatree.blocks.layers.Layers;
import org.alphatree.blocks.layers.Pool2d;

/**
 * Inception v3 with torchvision's module names ({@code Conv2d_1a_3x3}, {@code Mixed_5b}, ...,
 * {@code AuxLogits}, {@code fc}), and its FID variant (pytorch-fid's network: FID modules, 1008
 * classes, no auxiliary head), whose names equal the keys of {@code
 * pt_inception-2015-12-05-6726825d.pth}.
 *
 * <p>In training mode with the auxiliary head, the output is {@code (logits, aux_logits)} like
 * torchvision's {@code InceptionOutputs}; otherwise the logits.
 *
 * <p>Szegedy, Vanhoucke, Ioffe, Shlens &amp; Wojna, "Rethinking the Inception Architecture for
 * Computer Vision", CVPR 2016.
 */
public class InceptionV3 extends AlphaBlock {

    /** The smallest input torchvision's Inception v3 accepts (its {@code min_size}). */
    public static final int MIN_SIZE = 75;

    /** Channels of the four pytorch-fid feature blocks (after block 0..3, pooled). */
    public static final int[] FID_BLOCK_DIMS = {64, 192, 768, 2048};

    private final boolean fid;
    private final boolean transformInput;
    private final int numClasses;

    /**
     * torchvision's {@code inception_v3(num_classes, aux_logits)}.
     *
     * @param numClasses classes
     * @param auxLogits whether to build the auxiliary head
     * @param transformInput whether to convert ImageNet-normalized input to the [-1, 1] range the
     *     original weights expect (torchvision sets it for its pretrained weights)
     */
    public InceptionV3(int numClasses, boolean auxLogits, boolean transformInput) {
        this(numClasses, auxLogits, transformInput, false);
    }

    private InceptionV3(int numClasses, boolean auxLogits, boolean transformInput, boolean fid) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be positive, got " + numClasses);
        }
        this.fid = fid;
        this.transformInput = transformInput;
        this.numClasses = numClasses;
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
        add("fc", Layers.linear(numClasses, true));
    }

    /**
     * pytorch-fid's FID Inception: FID modules, 1008 classes (the 2015 TF graph's), no auxiliary
     * head, no input transform (pytorch-fid scales inputs to [-1, 1] itself).
     *
     * @return the network
     */
    public static InceptionV3 fid() {
        return new InceptionV3(1008, false, false, true);
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return fid ? "FIDInceptionV3" : "InceptionV3";
    }

    /** pytorch-fid's four feature blocks, in order: each ends where FID reads a feature map. */
    private static final String[][] FID_BLOCKS = {
        {"Conv2d_1a_3x3", "Conv2d_2a_3x3", "Conv2d_2b_3x3", "maxpool1"},
        {"Conv2d_3b_1x1", "Conv2d_4a_3x3", "maxpool2"},
        {
            "Mixed_5b",
            "Mixed_5c",
            "Mixed_5d",
            "Mixed_6a",
            "Mixed_6b",
            "Mixed_6c",
            "Mixed_6d",
            "Mixed_6e"
        },
        {"Mixed_7a", "Mixed_7b", "Mixed_7c"}
    };

    /** The trunk up to the auxiliary head's input (Mixed_6e): the first three FID blocks. */
    private static final String[] TRUNK =
            java.util.stream.Stream.of(FID_BLOCKS[0], FID_BLOCKS[1], FID_BLOCKS[2])
                    .flatMap(java.util.Arrays::stream)
                    .toArray(String[]::new);

    private NDArray checkAndTransform(NDArray x) {
        InceptionInputs.check(kind(), x, MIN_SIZE);
        return transformInput ? InceptionInputs.transform(x) : x;
    }

    /**
     * The four pytorch-fid feature blocks, each global-average-pooled: 64, 192, 768 and 2048
     * channels (block 3 is FID's pool3).
     *
     * @param ps the parameter store
     * @param x the input, already resized and scaled as the FID preprocessing does
     * @param training training mode
     * @return four (N, C) arrays
     */
    public NDList fidBlocks(ParameterStore ps, NDArray x, boolean training) {
        NDArray t = checkAndTransform(x);
        NDArray y = t;
        NDList out = new NDList(4);
        for (String[] block : FID_BLOCKS) {
            NDArray next = chain(ps, y, training, block);
            if (y != x && y != next) {
                y.close();
            }
            y = next;
            NDArray pooled = y.getNDArrayInternal().globalAvgPool();
            out.add(flatten(pooled));
        }
        if (y != x) {
            y.close();
        }
        return out;
    }

    /** {@inheritDoc} */
    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray in = inputs.singletonOrThrow();
        NDArray t = checkAndTransform(in);
        NDArray x = chain(ps, t, training, TRUNK);
        if (t != in && t != x) {
            t.close();
        }
        NDArray aux = null;
        if (training && hasChild("AuxLogits")) {
            aux = call("AuxLogits", ps, x, training);
        } else if (initializing() && hasChild("AuxLogits")) {
            // the head's parameters depend only on channels; give it the 17x17 map it sees at
            // 299x299 so that initialization works for any input the trunk accepts
            Shape s = new Shape(x.getShape().get(0), x.getShape().get(1), 17, 17);
            call("AuxLogits", ps, x.getManager().zeros(s, x.getDataType(), x.getDevice()), false);
        }
        NDArray y =
                chain(ps, x, training, "Mixed_7a", "Mixed_7b", "Mixed_7c", "avgpool", "dropout");
        if (y != x && x != in) {
            x.close();
        }
        x = consume("fc", ps, flatten(y), training);
        return aux == null ? new NDList(x) : new NDList(x, aux);
    }

    /**
     * Returns the number of classes.
     *
     * @return classes
     */
    public int getNumClasses() {
        return numClasses;
    }
}
