/**
 * The classic line of the guide, where its object-classification map begins: LeNet-5 (LeCun et al.
 * 1998), AlexNet (Krizhevsky et al. 2012, torchvision's "one weird trick" layout and the paper's
 * two-tower layout), ZFNet (Zeiler &amp; Fergus 2013) and VGG (Simonyan &amp; Zisserman 2014), with
 * torchvision's module names: a {@code features} stack, an adaptive {@code avgpool} and a {@code
 * classifier} MLP.
 */
package org.alphatree.blocks.classic;
