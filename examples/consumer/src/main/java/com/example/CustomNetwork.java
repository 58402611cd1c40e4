package com.example;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.alphatree.blocks.core.Sequential;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.BatchNorm2d;
import org.alphatree.blocks.layers.GlobalAvgPool;
import org.alphatree.blocks.layers.Layers;
import org.alphatree.blocks.layers.SqueezeExcite;
import org.alphatree.blocks.residual.BlockConfig;
import org.alphatree.blocks.residual.Bottleneck;
import org.alphatree.blocks.summary.BlockSummary;
import org.alphatree.blocks.weights.NamedParameters;

/** Composes a small network from AlphaTree blocks, runs forward and backward, prints a summary. */
public final class CustomNetwork {
    private CustomNetwork() {}

    public static void main(String[] args) {
        try (NDManager manager = NDManager.newBaseManager()) {
            // README example: start
            BlockConfig cfg = BlockConfig.defaults().withGroups(8, 8);
            Sequential net = new Sequential()
                    .append("stem", Layers.conv2d(32, 3, 2, 1, 1, false))
                    .append("bn", new BatchNorm2d(32))
                    .append("act", Activation.reluBlock())
                    .append("block1", new Bottleneck(16, 1, true, cfg))   // 32 -> 64 channels
                    .append("se", SqueezeExcite.ofRatio(64, 1 / 16.0, 8, 0))
                    .append("block2", new Bottleneck(32, 2, true, cfg))   // 64 -> 128, stride 2
                    .append("pool", new GlobalAvgPool())
                    .append("head", Layers.conv2d(10, 1, 1, 0, 1, true)); // 10 classes
            Shape input = new Shape(4, 3, 64, 64);
            net.initialize(manager, DataType.FLOAT32, input);
            BlockSummary summary = BlockSummary.of(manager, "custom", net, input);
            System.out.println(summary.toTable(1));
            // README example: end

            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray x = manager.randomNormal(input);
                NDArray y = net.forward(new ParameterStore(manager, false), new NDList(x), true)
                        .singletonOrThrow();
                gc.backward(y.square().mean());
                NDArray g = NamedParameters.of(net).get("stem.weight").getArray().getGradient();
                System.out.println("output shape: " + y.getShape());
                System.out.println("trainable parameters: " + summary.trainableParameters());
                System.out.println("stem gradient norm: " + g.norm().getFloat());
                if (!(g.norm().getFloat() > 0)) {
                    throw new IllegalStateException("backward pass produced no gradient");
                }
            }
        }
    }
}
