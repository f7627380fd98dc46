import type { GraphDocument } from '../../engine/core/index.ts';
import { GraphBuilder } from './graph-builder.ts';

type BlockKind = 'basic' | 'bottleneck';

interface ResNetDepth {
  readonly name: string;
  readonly block: BlockKind;
  /** Blocks in layer1 to layer4. */
  readonly blocks: readonly [number, number, number, number];
}

const DEPTHS = {
  18: { name: 'ResNet-18', block: 'basic', blocks: [2, 2, 2, 2] },
  34: { name: 'ResNet-34', block: 'basic', blocks: [3, 4, 6, 3] },
  50: { name: 'ResNet-50', block: 'bottleneck', blocks: [3, 4, 6, 3] },
  101: { name: 'ResNet-101', block: 'bottleneck', blocks: [3, 4, 23, 3] },
  152: { name: 'ResNet-152', block: 'bottleneck', blocks: [3, 8, 36, 3] },
} as const satisfies Record<number, ResNetDepth>;

export type ResNetVariant = keyof typeof DEPTHS;

/** A bottleneck block widens its output to 4× its inner width (torchvision's `expansion`). */
const BOTTLENECK_EXPANSION = 4;

/**
 * One residual block, ids as torchvision's module names (layer3.4.conv2, layer2.0.downsample.0),
 * which lets imported weights find their node. torchvision applies one `relu` module several times
 * in a block; each use is a node here, named as PyTorch's ONNX export names them (relu, relu_1, …).
 * Returns the block's output node.
 */
function residualBlock(
  b: GraphBuilder,
  prefix: string,
  kind: BlockKind,
  input: string,
  inChannels: number,
  width: number,
  stride: number,
): string {
  const outChannels = kind === 'bottleneck' ? width * BOTTLENECK_EXPANSION : width;
  const convolutions =
    kind === 'bottleneck'
      ? [
          // v1.5: the stride sits on the 3×3 convolution, not the first 1×1 (torchvision's choice).
          { kernelSize: 1, stride: 1, padding: 0, outChannels: width },
          { kernelSize: 3, stride, padding: 1, outChannels: width },
          { kernelSize: 1, stride: 1, padding: 0, outChannels },
        ]
      : [
          { kernelSize: 3, stride, padding: 1, outChannels: width },
          { kernelSize: 3, stride: 1, padding: 1, outChannels },
        ];
  let x = input;
  convolutions.forEach((convolution, index) => {
    x = b.add(`${prefix}.conv${index + 1}`, 'Conv', { ...convolution, bias: false }, x);
    x = b.add(`${prefix}.bn${index + 1}`, 'BatchNorm', {}, x);
    if (index < convolutions.length - 1) x = b.add(`${prefix}.${reluName(index)}`, 'ReLU', {}, x);
  });
  let identity = input;
  if (stride !== 1 || inChannels !== outChannels) {
    // The skip connection must match the block's output: a strided 1×1 projection with its own BatchNorm.
    identity = b.add(`${prefix}.downsample.0`, 'Conv', { outChannels, kernelSize: 1, stride, bias: false }, input);
    identity = b.add(`${prefix}.downsample.1`, 'BatchNorm', {}, identity);
  }
  const sum = b.add(`${prefix}.add`, 'Add', {}, x, identity);
  return b.add(`${prefix}.${reluName(convolutions.length - 1)}`, 'ReLU', {}, sum);
}

function reluName(use: number): string {
  return use === 0 ? 'relu' : `relu_${use}`;
}

/**
 * ResNet in torchvision's layout (`torchvision.models.resnet18` … `resnet152`, v1.5): a 7×7/2 stem
 * without bias, BatchNorm, ReLU and a 3×3/2 max pool; four stages of residual blocks at widths 64,
 * 128, 256 and 512, each after the first starting with a stride-2 block; global average pooling and
 * one dense layer of 1000 classes.
 */
export function resnet(variant: ResNetVariant): GraphDocument {
  const { name, block, blocks } = DEPTHS[variant];
  const b = new GraphBuilder();
  let x = b.add('input', 'Input', { shape: [3, 224, 224] });
  x = b.add('conv1', 'Conv', { outChannels: 64, kernelSize: 7, stride: 2, padding: 3, bias: false }, x);
  x = b.add('bn1', 'BatchNorm', {}, x);
  x = b.add('relu', 'ReLU', {}, x);
  x = b.add('maxpool', 'MaxPool', { kernelSize: 3, stride: 2, padding: 1 }, x);
  let channels = 64;
  blocks.forEach((count, stage) => {
    const width = 64 * 2 ** stage;
    for (let index = 0; index < count; index++) {
      const stride = stage > 0 && index === 0 ? 2 : 1;
      x = residualBlock(b, `layer${stage + 1}.${index}`, block, x, channels, width, stride);
      channels = block === 'bottleneck' ? width * BOTTLENECK_EXPANSION : width;
    }
  });
  x = b.add('avgpool', 'GlobalAvgPool', {}, x);
  x = b.add('flatten', 'Flatten', {}, x);
  x = b.add('fc', 'Dense', { outFeatures: 1000 }, x);
  b.add('output', 'Output', {}, x);
  const depth = blocks.reduce((sum, count) => sum + count, 0) * (block === 'bottleneck' ? 3 : 2) + 2;
  const blockText =
    block === 'bottleneck'
      ? 'Each bottleneck block squeezes the channels with a 1×1 convolution, works at the narrow width with a 3×3 and ' +
        'widens again 4× with a 1×1, which makes the deep versions affordable.'
      : 'Each basic block is two 3×3 convolutions with BatchNorm.';
  return b.build({
    name,
    description:
      `${name}: ${depth} weighted layers. ResNet introduced the residual connection: each block adds its input back ` +
      'to its output (the Add nodes), so it only has to learn a correction F(x) = y − x, and gradients flow straight ' +
      'through the skip path. That made networks of 100 layers and more trainable, where plain deep stacks got worse ' +
      `with depth. ${blockText} Where a block halves the size or changes the width, a strided 1×1 convolution ` +
      '(downsample) projects the skip path to match. Global average pooling replaces the large dense layers of ' +
      'AlexNet and VGG: one dense layer of 1000 classes remains. Layout and ids as torchvision (v1.5: the stride ' +
      'sits on the 3×3 convolution).',
    citation:
      'K. He, X. Zhang, S. Ren and J. Sun, "Deep residual learning for image recognition", IEEE Conference on ' +
      'Computer Vision and Pattern Recognition (CVPR), 2016; arXiv:1512.03385.',
  });
}
