package org.alphatree.blocks.layers;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.Sequential;

/**
 * Conv+BN folding for inference over a whole network: every batch norm that is applied directly to
 * a convolution's output runs inside that convolution as its bias ({@link
 * FoldableConv2d#fold(BatchNorm2d)}) and is replaced by an {@link Identity} (by its activation for
 * a {@link BatchNormAct2d}). Three places are folded:
 *
 * <ul>
 *   <li>the pairs a block declares ({@code AlphaBlock.foldable}): every {@link ConvNormAct}'s
 *       {@code conv/bn} ({@link ConvNormAct#fuse()}), ResNet's {@code conv1/bn1}, ...;
 *   <li>adjacent convolution and norm children of a plain {@link Sequential} (torchvision's {@code
 *       downsample.0/1} and {@code Conv2dNormActivation} sequences).
 * </ul>
 *
 * <p>Equal to the unfused eval outputs to rounding (the folding is computed in float64); in place
 * and one way: the folded network refuses to train, and its state_dict holds the folded weights and
 * no folded norms. Pre-activation units (norm before the convolution) are left as they are.
 */
public final class Fusion {
    private Fusion() {}

    /**
     * Folds every foldable conv+BN pair of an initialized network.
     *
     * @param network the network
     * @return how many norms this call folded (0 when the network is already folded)
     * @throws IllegalStateException if the network is not initialized
     */
    public static int fuse(Block network) {
        if (!network.isInitialized()) {
            throw new IllegalStateException("initialize the network before fusing it");
        }
        return walk(network);
    }

    private static int walk(Block b) {
        int n = 0;
        if (b instanceof AlphaBlock a) {
            for (Map.Entry<String, String> p : a.foldablePairs().entrySet()) {
                n += fold(a, p.getKey(), p.getValue());
            }
            if (isPlainChain(a)) {
                List<String> names = new ArrayList<>(a.namedChildren().keySet());
                for (int i = 0; i + 1 < names.size(); i++) {
                    if (a.child(names.get(i)) instanceof FoldableConv2d) {
                        n += fold(a, names.get(i), names.get(i + 1));
                    }
                }
            }
        }
        for (ai.djl.util.Pair<String, Block> child : b.getChildren()) {
            n += walk(child.getValue());
        }
        return n;
    }

    /**
     * Folds {@code parent}'s child {@code norm} into its child {@code conv} when both fit; returns
     * 1 if it did, 0 if not (or if they were folded before).
     */
    static int fold(AlphaBlock parent, String conv, String norm) {
        if (!parent.hasChild(conv)
                || !parent.hasChild(norm)
                || !(parent.child(norm) instanceof BatchNorm2d bn)) {
            return 0;
        }
        Block c = parent.child(conv);
        while (c instanceof Sequential s && !s.namedChildren().isEmpty() && isPlainChain(s)) {
            List<Block> kids = new ArrayList<>(s.namedChildren().values());
            c = kids.get(kids.size() - 1);
        }
        if (!(c instanceof FoldableConv2d f) || f.isFolded()) {
            return 0;
        }
        f.fold(bn);
        parent.replaceChild(norm, remainder(bn));
        return 1;
    }

    /**
     * What stays of a norm once folded: nothing (an {@link Identity}), or the activation of a
     * {@link BatchNormAct2d}.
     */
    static Block remainder(BatchNorm2d bn) {
        return bn instanceof BatchNormAct2d a ? new Activation(a.getActivation()) : new Identity();
    }

    /** Whether {@code b} runs its children as {@link Sequential} does (no forward of its own). */
    private static boolean isPlainChain(AlphaBlock b) {
        if (!(b instanceof Sequential)) {
            return false;
        }
        for (Class<?> c = b.getClass(); c != Sequential.class; c = c.getSuperclass()) {
            try {
                c.getDeclaredMethod(
                        "forwardInternal",
                        ParameterStore.class,
                        NDList.class,
                        boolean.class,
                        PairList.class);
                return false;
            } catch (NoSuchMethodException e) {
                // not overridden at this level
            }
        }
        return true;
    }
}
