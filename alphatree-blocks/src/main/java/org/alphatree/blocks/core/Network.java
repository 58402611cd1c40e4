package org.alphatree.blocks.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * The contract every registered AlphaTree network implements, after timm's {@code forward_features}
 * / {@code forward_head} / {@code features_only} / {@code reset_classifier}.
 *
 * <ul>
 *   <li>{@link #features} returns the stage outputs, shallow to deep, named by {@link
 *       #featureNames()} (the reference modules whose outputs they are);
 *   <li>{@code forward} equals {@code forwardHead(forwardFeatures(x))} in eval mode (in training
 *       mode, networks with auxiliary heads also return their auxiliary logits);
 *   <li>{@code numClasses = 0} builds the network headless: {@code forward} then returns the pooled
 *       features, {@code (N, numFeatures())};
 *   <li>{@link #resetClassifier} replaces the classifier for transfer learning.
 * </ul>
 */
public interface Network extends Block {

    /**
     * Returns the names of the stage outputs {@link #features} returns, shallow to deep: the
     * reference modules (state_dict prefixes) whose outputs they are.
     *
     * @return the feature names
     */
    List<String> featureNames();

    /**
     * Returns the stage outputs (timm's {@code features_only}), one per {@link #featureNames()}.
     *
     * @param ps the parameter store
     * @param x an NCHW batch
     * @param training training mode
     * @return the feature maps, shallow to deep
     */
    NDList features(ParameterStore ps, NDArray x, boolean training);

    /**
     * Runs the network up to its last feature map, before global pooling (timm's {@code
     * forward_features}).
     *
     * @param ps the parameter store
     * @param x an NCHW batch (not closed)
     * @param training training mode
     * @return the last feature map
     */
    NDArray forwardFeatures(ParameterStore ps, NDArray x, boolean training);

    /**
     * Pools the last feature map and applies the classifier (timm's {@code forward_head}); without
     * a classifier ({@code numClasses() == 0}) it returns the pooled features.
     *
     * @param ps the parameter store
     * @param features the output of {@link #forwardFeatures} (not closed)
     * @param training training mode
     * @return (N, numClasses) logits, or (N, numFeatures) pooled features
     */
    NDArray forwardHead(ParameterStore ps, NDArray features, boolean training);

    /**
     * Returns the number of classes; 0 when the network is headless.
     *
     * @return the classes
     */
    int numClasses();

    /**
     * Returns the width of the features the classifier reads, what a headless network returns: the
     * pooled last map's channels, or, for networks with an MLP head (AlexNet, ZFNet, VGG, LeNet-5),
     * the MLP's last hidden width (timm's {@code head_hidden_size}).
     *
     * @return the feature width
     */
    int numFeatures();

    /**
     * Returns the state_dict name of the classifier ({@code fc}, {@code classifier}, {@code
     * head.fc}), present when {@code numClasses() > 0}.
     *
     * @return the classifier's name
     */
    String classifierName();

    /**
     * Replaces the classifier by a fresh one of {@code numClasses} outputs (0 removes it), timm's
     * {@code reset_classifier}. If the network is initialized, so is the new classifier (on the
     * manager and data type of the existing parameters). Auxiliary heads are left as they are.
     *
     * @param numClasses the new number of classes, {@code >= 0}
     */
    void resetClassifier(int numClasses);
}
