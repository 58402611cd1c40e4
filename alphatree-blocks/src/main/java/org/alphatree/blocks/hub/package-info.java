/**
 * Published weights by name: the {@link org.alphatree.blocks.hub.WeightsRegistry} (torchvision's
 * weights enums, timm's pretrained tags, pytorch-fid's Inception: URL, SHA-256, transforms,
 * categories, accuracy, licence), the torch.hub-like {@link org.alphatree.blocks.hub.HubCache} and
 * {@link org.alphatree.blocks.hub.Pretrained} networks; {@link
 * org.alphatree.blocks.hub.AlphaTreeZoo} makes them a DJL model zoo.
 */
package org.alphatree.blocks.hub;
