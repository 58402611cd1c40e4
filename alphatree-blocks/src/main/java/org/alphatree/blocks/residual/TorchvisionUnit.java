package org.alphatree.blocks.residual;

import ai.djl.ndarray.NDArray;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.alphatree.blocks.core.AlphaBlock;
import org.alphatree.blocks.core.ResidualUnit;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.BatchNorm2d;
import org.alphatree.blocks.layers.Layers;
import org.alphatree.blocks.layers.SqueezeExcite;

/**
 * What torchvision's {@code BasicBlock} and {@code Bottleneck} share: {@code conv1/bn1} ... {@code
 * convN/bnN} with a ReLU between them, the optional squeeze-excitation after {@code bnN}, the
 * identity or {@code downsample} shortcut added in place, and the final ReLU. Subclasses only
 * choose the convolutions.
 */
abstract class TorchvisionUnit extends AlphaBlock implements ResidualUnit {

    private int convs;

    /** The branch's children in order: conv1, bn1, relu, conv2, bn2, ... */
    private final List<String> branch = new ArrayList<>();

    /** {@link #branch} as the array the forward pass walks. */
    private String[] branchNames = {};

    /** Creates an empty unit. */
    TorchvisionUnit() {}

    /**
     * Adds the next {@code convI}/{@code bnI} pair (bias-free convolution, the configuration's
     * norm), foldable for inference.
     */
    final void addConvBn(int out, int kernel, int stride, int groups, BlockConfig cfg) {
        convs++;
        if (convs > 1) {
            branch.add("relu");
        }
        branch.add("conv" + convs);
        branch.add("bn" + convs);
        branchNames = branch.toArray(String[]::new);
        add("conv" + convs, Layers.conv2d(out, kernel, stride, kernel / 2, groups, false));
        add("bn" + convs, new BatchNorm2d(out, cfg.bnEps(), cfg.bnMomentum()));
        foldable("conv" + convs, "bn" + convs);
    }

    /** Adds the ReLU once (torchvision's units share one module). */
    final void addRelu() {
        if (!hasChild("relu")) {
            add("relu", Activation.reluBlock());
        }
    }

    /** Adds what follows the convolutions: the SE, the ReLU and a projection shortcut. */
    final void addTail(int out, int stride, boolean project, BlockConfig cfg) {
        if (cfg.seRatio() > 0) {
            add("se", SqueezeExcite.ofRatio(out, cfg.seRatio(), 8, 0));
        }
        addRelu();
        if (project) {
            add("downsample", Shortcut.projection(out, stride, cfg));
        }
    }

    /** {@inheritDoc} */
    @Override
    protected NDArray forwardSingle(ParameterStore ps, NDArray x, boolean training) {
        NDArray out = chain(ps, x, training, branchNames);
        if (hasChild("se")) {
            out = consume("se", ps, out, training);
        }
        NDArray shortcut = hasChild("downsample") ? call("downsample", ps, x, training) : x;
        return consume("relu", ps, addShortcut(out, shortcut, x), training);
    }

    /** {@inheritDoc} */
    @Override
    public String shortcut() {
        return hasChild("downsample") ? "downsample" : null;
    }

    /** {@inheritDoc} */
    @Override
    public List<String> afterAdd() {
        return List.of("relu");
    }
}
