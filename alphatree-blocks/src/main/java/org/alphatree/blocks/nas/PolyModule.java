package org.alphatree.blocks.nas;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.Activation;

/**
 * PolyNet's poly-N module (Cadene {@code InceptionResNetBPoly} / {@code CPoly}): {@code out = x +
 * Σ_k scale · F_k}, with {@code F_1 = F(x)} and {@code F_{k+1} = F(relu(F_k))}, then ReLU — the
 * paper's "poly-3" (I + F + F² + F³) when N = 3. The paths' convolutions ({@link PolyConv2d}) are
 * <b>shared by all orders, each order with its own BatchNorm</b>; the final 1x1 ({@code
 * conv2d_blocks.k}) is one per order.
 *
 * <p>Zhang, Li, Loy &amp; Lin, "PolyNet: A Pursuit of Structural Diversity in Very Deep Networks",
 * CVPR 2017.
 */
public class PolyModule extends ScaledResidual {

    private final int orders;
    private final List<String> chain;
    private final String side;

    private PolyModule(String name, float scale, int orders, List<String> chain, String side) {
        super(scale);
        this.orders = orders;
        this.chain = chain;
        this.side = side;
        describeAs(name + "(" + orders + " orders, scale " + scale + ")");
    }

    /**
     * Inception-ResNet-B poly-N (17x17, 1152 channels): {@code path0_1x1} 128, {@code path0_1x7}
     * 160, {@code path0_7x1} 192, {@code path1} 192, {@code conv2d_blocks.k} 384 → 1152.
     *
     * @param scale the residual scale
     * @param orders the polynomial order N (PolyNet: 3)
     * @return the module
     */
    public static PolyModule b(float scale, int orders) {
        return factorizedK("PolyB", scale, orders, 7, 128, 160, 192, 1152);
    }

    /**
     * Inception-ResNet-C poly-N (8x8, 2048 channels): {@code path0_1x1} 192, {@code path0_1x3} 224,
     * {@code path0_3x1} 256, {@code path1} 192, {@code conv2d_blocks.k} 448 → 2048.
     *
     * @param scale the residual scale
     * @param orders the polynomial order N (PolyNet: 3)
     * @return the module
     */
    public static PolyModule c(float scale, int orders) {
        return factorizedK("PolyC", scale, orders, 3, 192, 224, 256, 2048);
    }

    /** path0 = 1x1 (w0), 1xk (w1), kx1 (w2); path1 = 1x1 192; conv2d_blocks to {@code width}. */
    private static PolyModule factorizedK(
            String name, float scale, int orders, int k, int w0, int w1, int w2, int width) {
        String rowK = "path0_1x" + k;
        String colK = "path0_" + k + "x1";
        PolyModule m =
                new PolyModule(name, scale, orders, List.of("path0_1x1", rowK, colK), "path1");
        m.add("path0_1x1", new PolyConv2d(w0, 1, 1, 0, 0, orders));
        m.add(rowK, new PolyConv2d(w1, 1, k, 0, k / 2, orders));
        m.add(colK, new PolyConv2d(w2, k, 1, k / 2, 0, orders));
        m.add("path1", new PolyConv2d(192, 1, 1, 0, 0, orders));
        m.finish(width);
        return m;
    }

    private void finish(int width) {
        if (orders < 1) {
            throw new IllegalArgumentException("poly module: orders must be >= 1, got " + orders);
        }
        Sequential blocks = new Sequential();
        for (int k = 0; k < orders; k++) {
            blocks.add(PolyLayers.conv(width, 1, 1, 1, 0, 0, false));
        }
        add("conv2d_blocks", blocks);
        add("relu", Activation.reluBlock());
    }

    /** Order k's shared conv, its BN k and ReLU; {@code x} stays open. */
    private NDArray polyConv(String path, int k, ParameterStore ps, NDArray x, boolean training) {
        NDArray y = callPath(path + ".conv", ps, x, training);
        NDArray z = callPath(path + ".bn_blocks." + k, ps, y, training);
        y.close();
        NDArray r = Activation.Type.RELU.apply(z);
        z.close();
        return r;
    }

    /** F_k(x): the chain, the side path, concatenated, then conv2d_blocks.k. */
    private NDArray residual(int k, ParameterStore ps, NDArray x, boolean training) {
        NDArray y = x;
        for (String c : chain) {
            NDArray next = polyConv(c, k, ps, y, training);
            if (y != x) {
                y.close();
            }
            y = next;
        }
        NDArray cat = concatAndClose(y, polyConv(side, k, ps, x, training));
        NDArray out = callPath("conv2d_blocks." + k, ps, cat, training);
        cat.close();
        return out;
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray forwardSingle(ParameterStore ps, NDArray input, boolean training) {
        NDArray out = input;
        NDArray x = input;
        for (int k = 0; k < orders; k++) {
            NDArray f = residual(k, ps, x, training);
            if (x != input) {
                x.close();
            }
            NDArray next = PolyLayers.addScaled(out, f, scale());
            if (out != input) {
                out.close();
            }
            out = next;
            x = Activation.Type.RELU.apply(f);
            f.close();
        }
        if (x != input) {
            x.close();
        }
        return consume("relu", ps, out, training);
    }
}
