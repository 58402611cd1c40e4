/** Training GANs on DJL: the trainer, objectives, and the 2-D ring benchmark distribution. */
package org.alphatree.losses.training;
