package org.alphatree.blocks.mobile;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.ResidualUnit;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.BatchNorm2d;
import org.alphatree.blocks.layers.ConvNormAct;
import org.alphatree.blocks.layers.Layers;
import org.alphatree.blocks.layers.MakeDivisible;
import org.alphatree.blocks.layers.SqueezeExcite;

/**
 * The inverted residual (mobile inverted bottleneck): an optional 1x1 expansion, a depthwise k x k
 * convolution, an optional squeeze-and-excitation, and a linear 1x1 projection (no activation after
 * it); the input is added when the stride is 1 and the channels are unchanged. One body child holds
 * the layers under the reference's names, so weights load by path:
 *
 * <ul>
 *   <li>{@link #v2}: torchvision's MobileNetV2 {@code conv.N} (ReLU6, BN eps 1e-5; the expansion is
 *       skipped when t = 1);
 *   <li>{@link #v3}: torchvision's MobileNetV3 {@code block.N} (ReLU or hard swish, SE with {@code
 *       make_divisible(exp / 4, 8)} channels and a hard-sigmoid gate, BN eps 1e-3, momentum 0.01);
 *   <li>{@link #mnas}: torchvision's MNASNet {@code layers.N} (ReLU, one flat sequence, BN momentum
 *       0.0003).
 * </ul>
 *
 * <p>Sandler, Howard, Zhu, Zhmoginov &amp; Chen, "MobileNetV2: Inverted Residuals and Linear
 * Bottlenecks", CVPR 2018; Howard et al., "Searching for MobileNetV3", ICCV 2019; Tan et al.,
 * "MnasNet: Platform-Aware Neural Architecture Search for Mobile", CVPR 2019.
 */
public class InvertedResidual extends AlphaBlock {

    /** MobileNetV3's BatchNorm: eps 1e-3, momentum 0.01. */
    public static final IntFunction<Block> V3_NORM = BatchNorm2d.factory(1e-3f, 0.01f);

    private final String body;
    private final int stride;
    private final int outChannels;

    private InvertedResidual(String body, Sequential layers, String desc, int stride, int out) {
        this.body = body;
        describeAs(desc);
        this.stride = stride;
        this.outChannels = out;
        add(body, layers);
    }

    private static InvertedResidual of(
            String body, Sequential layers, String desc, int in, int out, int stride) {
        return stride == 1 && in == out
                ? new WithShortcut(body, layers, desc, stride, out)
                : new InvertedResidual(body, layers, desc, stride, out);
    }

    /**
     * MobileNetV2's unit (torchvision {@code InvertedResidual}).
     *
     * @param in input channels
     * @param out output channels
     * @param stride 1 or 2
     * @param expandRatio t, the expansion (1 skips the expansion convolution)
     * @return the unit
     */
    public static InvertedResidual v2(int in, int out, int stride, int expandRatio) {
        check(in, out, stride, expandRatio);
        int hidden = in * expandRatio;
        Supplier<Block> relu6 = Activation.factory(Activation.Type.RELU6);
        Sequential s = new Sequential();
        if (expandRatio != 1) {
            s.add(cna(hidden, 1, 1, 1, 1, relu6, BatchNorm2d.factory(1e-5f, 0.1f)));
        }
        s.add(cna(hidden, 3, stride, 1, hidden, relu6, BatchNorm2d.factory(1e-5f, 0.1f)));
        s.add(Layers.conv2d(out, 1, 1, 0, 1, false));
        s.add(new BatchNorm2d(out));
        String d = unitKind("InvertedResidual", in, out, stride, "t " + expandRatio);
        return of("conv", s, d, in, out, stride);
    }

    /**
     * MobileNetV3's unit (torchvision {@code InvertedResidual} with an {@code
     * InvertedResidualConfig}).
     *
     * @param in input channels
     * @param kernel the depthwise kernel (3 or 5)
     * @param expanded the expanded channels (no expansion convolution when equal to {@code in})
     * @param out output channels
     * @param se whether to add squeeze-and-excitation
     * @param hardSwish hard swish ("HS") rather than ReLU ("RE")
     * @param stride 1 or 2 (1 when dilated)
     * @param dilation the depthwise dilation (1; 2 for torchvision's {@code dilated} tail)
     * @return the unit
     */
    public static InvertedResidual v3(
            int in,
            int kernel,
            int expanded,
            int out,
            boolean se,
            boolean hardSwish,
            int stride,
            int dilation) {
        check(in, out, stride, 1);
        if (expanded < 1 || kernel < 1 || kernel % 2 == 0 || dilation < 1) {
            throw new IllegalArgumentException(
                    "MobileNetV3 unit: invalid expanded "
                            + expanded
                            + ", kernel "
                            + kernel
                            + " or dilation "
                            + dilation);
        }
        Supplier<Block> act =
                Activation.factory(hardSwish ? Activation.Type.HARD_SWISH : Activation.Type.RELU);
        Sequential s = new Sequential();
        if (expanded != in) {
            s.add(cna(expanded, 1, 1, 1, 1, act, V3_NORM));
        }
        int dwStride = dilation > 1 ? 1 : stride;
        s.add(cna(expanded, kernel, dwStride, dilation, expanded, act, V3_NORM));
        if (se) {
            s.add(
                    new SqueezeExcite(
                            expanded,
                            MakeDivisible.of(expanded / 4, 8, 0, 0.9),
                            Activation.Type.HARD_SIGMOID));
        }
        s.add(cna(out, 1, 1, 1, 1, null, V3_NORM));
        String k = kernel + "x" + kernel;
        String d =
                unitKind(
                        "InvertedResidualV3",
                        in,
                        out,
                        stride,
                        "exp " + expanded,
                        se ? k + ", SE" : k,
                        hardSwish ? "HS" : "RE");
        return of("block", s, d, in, out, dwStride);
    }

    /**
     * MNASNet's unit (torchvision {@code _InvertedResidual}): {@code layers.0..7} = 1x1, BN, ReLU,
     * depthwise k x k, BN, ReLU, 1x1, BN.
     *
     * @param in input channels
     * @param out output channels
     * @param kernel the depthwise kernel (3 or 5)
     * @param stride 1 or 2
     * @param expansion the expansion factor
     * @param bnMomentum the BatchNorm momentum (torch convention; MNASNet 0.0003)
     * @return the unit
     */
    public static InvertedResidual mnas(
            int in, int out, int kernel, int stride, int expansion, float bnMomentum) {
        check(in, out, stride, expansion);
        int mid = in * expansion;
        Sequential s = new Sequential();
        s.add(Layers.conv2d(mid, 1, 1, 0, 1, false));
        s.add(new BatchNorm2d(mid, 1e-5f, bnMomentum));
        s.add(Activation.reluBlock());
        s.add(Layers.conv2d(mid, kernel, stride, kernel / 2, mid, false));
        s.add(new BatchNorm2d(mid, 1e-5f, bnMomentum));
        s.add(Activation.reluBlock());
        s.add(Layers.conv2d(out, 1, 1, 0, 1, false));
        s.add(new BatchNorm2d(out, 1e-5f, bnMomentum));
        String d = unitKind("MnasUnit", in, out, stride, kernel + "x" + kernel, "t " + expansion);
        return of("layers", s, d, in, out, stride);
    }

    /**
     * A torchvision {@code Conv2dNormActivation}: padding {@code (k - 1) / 2 * dilation}.
     *
     * @param out output channels
     * @param kernel the kernel
     * @param stride the stride
     * @param dilation the dilation
     * @param groups the groups
     * @param act the activation, or null
     * @param norm the norm
     * @return the sequence {@code 0} conv, {@code 1} norm, {@code 2} activation
     */
    static Sequential cna(
            int out,
            int kernel,
            int stride,
            int dilation,
            int groups,
            Supplier<Block> act,
            IntFunction<Block> norm) {
        int pad = (kernel - 1) / 2 * dilation;
        return ConvNormAct.builder()
                .setFilters(out)
                .setKernel(kernel)
                .optStride(stride)
                .optPadding(pad)
                .optDilation(dilation)
                .optGroups(groups)
                .optNorm(norm)
                .optActivation(act)
                .buildSequential();
    }

    private static void check(int in, int out, int stride, int expansion) {
        if (in < 1 || out < 1 || stride < 1 || stride > 2 || expansion < 1) {
            throw new IllegalArgumentException(
                    "inverted residual: invalid channels "
                            + in
                            + " -> "
                            + out
                            + ", stride "
                            + stride
                            + " or expansion "
                            + expansion);
        }
    }

    /**
     * Returns the unit's stride.
     *
     * @return 1 or 2
     */
    public int stride() {
        return stride;
    }

    /**
     * Returns the output channels.
     *
     * @return the channels
     */
    public int outChannels() {
        return outChannels;
    }

    /**
     * Whether the input is added to the body's output.
     *
     * @return true for stride 1 and unchanged channels
     */
    public boolean hasShortcut() {
        return this instanceof WithShortcut;
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray forwardSingle(ParameterStore ps, NDArray x, boolean training) {
        NDArray y = call(body, ps, x, training);
        if (hasShortcut()) {
            y = addShortcut(y, x, x);
        }
        return y;
    }

    /** A unit with the identity shortcut (stride 1, unchanged channels). */
    public static final class WithShortcut extends InvertedResidual implements ResidualUnit {
        private WithShortcut(String body, Sequential layers, String desc, int stride, int out) {
            super(body, layers, desc, stride, out);
        }

        /** {@inheritDoc} */
        @Override
        public String shortcut() {
            return null;
        }

        /** {@inheritDoc} */
        @Override
        public List<String> afterAdd() {
            return List.of();
        }
    }
}
