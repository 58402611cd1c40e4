package org.alphatree.blocks.mobile;

import java.util.ArrayList;
import java.util.List;
import org.alphatree.blocks.core.NetworkBlock;
import org.alphatree.blocks.core.NetworkBuilder;
import org.alphatree.blocks.layers.Activation;
import org.alphatree.blocks.layers.BatchNorm2d;
import org.alphatree.blocks.layers.GlobalAvgPool;
import org.alphatree.blocks.layers.Layers;
import org.alphatree.blocks.layers.SeparableConv2d;

/**
 * Xception with timm's {@code legacy_xception} module names (the Cadene port of the Keras model):
 * entry flow {@code conv1} (3x3/2, padding 0, 32), {@code bn1}, {@code act1}, {@code conv2} (3x3,
 * padding 0, 64), {@code bn2}, {@code act2}, {@code block1..3} (128, 256, 728, stride 2); middle
 * flow {@code block4..11} (728, three separable convs, identity shortcut); exit flow {@code
 * block12} (728 → 1024, stride 2, widening last), {@code conv3} (separable 1536), {@code bn3},
 * {@code act3}, {@code conv4} (separable 2048), {@code bn4}, {@code act4}, global average pooling
 * and {@code fc}. BatchNorm eps 1e-5 (PyTorch's default; Keras uses 1e-3). Input 299, minimum 7
 * (the unpadded stem).
 *
 * <p><b>No dropout</b>: timm's {@code forward_head} computes {@code F.dropout(x, drop_rate)} and
 * discards the result, so its {@code drop_rate} has no effect; AlphaTree matches timm and offers no
 * dropout option.
 *
 * <p>Stage outputs ({@link #features}): {@code act2}, {@code block1}, {@code block2}, {@code
 * block11} and {@code act4} (strides 2 to 32). timm taps the ReLU at the start of the next block
 * ({@code block2.rep.0}, ...), i.e. these outputs after a ReLU.
 *
 * <p>Chollet, "Xception: Deep Learning with Depthwise Separable Convolutions", CVPR 2017.
 */
public class Xception extends NetworkBlock {

    private Xception(int numClasses) {
        super(numClasses, Head.linear("global_pool", "fc"));
        List<String> trunk = new ArrayList<>();
        addTo(trunk, "conv1", Layers.conv2d(32, 3, 2, 0, 1, false));
        addTo(trunk, "bn1", new BatchNorm2d(32));
        addTo(trunk, "act1", Activation.reluBlock());
        addTo(trunk, "conv2", Layers.conv2d(64, 3, 1, 0, 1, false));
        addTo(trunk, "bn2", new BatchNorm2d(64));
        addTo(trunk, "act2", Activation.reluBlock());
        addTo(trunk, "block1", new XceptionBlock(64, 128, 2, 2, false, true));
        addTo(trunk, "block2", new XceptionBlock(128, 256, 2, 2, true, true));
        addTo(trunk, "block3", new XceptionBlock(256, 728, 2, 2, true, true));
        for (int i = 4; i <= 11; i++) {
            addTo(trunk, "block" + i, new XceptionBlock(728, 728, 3, 1, true, true));
        }
        addTo(trunk, "block12", new XceptionBlock(728, 1024, 2, 2, true, false));
        addTo(trunk, "conv3", new SeparableConv2d(1024, 1536, 3, 1, 1));
        addTo(trunk, "bn3", new BatchNorm2d(1536));
        addTo(trunk, "act3", Activation.reluBlock());
        addTo(trunk, "conv4", new SeparableConv2d(1536, 2048, 3, 1, 1));
        addTo(trunk, "bn4", new BatchNorm2d(2048));
        addTo(trunk, "act4", Activation.reluBlock());
        add("global_pool", new GlobalAvgPool());
        layout(trunk, List.of("act2", "block1", "block2", "block11", "act4"), 2048);
        addClassifier();
    }

    private void addTo(List<String> trunk, String name, ai.djl.nn.Block block) {
        add(name, block);
        trunk.add(name);
    }

    /**
     * Returns a builder (1000 classes).
     *
     * @return a new builder
     */
    public static NetworkBuilder.Simple<Xception> builder() {
        return new NetworkBuilder.Simple<>(Xception::new);
    }

    /** {@inheritDoc} */
    @Override
    public String kind() {
        return "Xception";
    }
}
