import { describe, expect, it } from 'vitest';
import {
  DuplicateNameError,
  GraphStructureError,
  add,
  build,
  dense,
  input,
  properties,
  relu,
  type Node,
} from '../index.js';
import { graphOrder, makeModel, resolveNames } from '../internals.js';

describe('layer names (as Axon resolves them)', () => {
  it('counts per op in graph order: dense_0, relu_0, dense_1', () => {
    const model = dense(relu(dense(input('x'), 4)), 2);
    expect(resolveNames(model).map((entry) => entry.name)).toEqual(['x', 'dense_0', 'relu_0', 'dense_1']);
  });

  it('lets an explicit name win while still counting it for its op', () => {
    const model = dense(dense(dense(input('x'), 4, { name: 'encoder' }), 4), 2);
    expect(Object.keys(properties(model))).toEqual(['x', 'encoder', 'dense_1', 'dense_2']);
  });

  it('resolves names lazily: the same sub-model gets the names of its position in the final graph', () => {
    const x = input('x');
    const left = dense(x, 2);
    const right = dense(x, 3);
    // Parents first, in order: left branch, then right branch.
    expect(Object.keys(properties(add(left, right)))).toEqual(['x', 'dense_0', 'dense_1', 'add_0']);
    expect(Object.keys(properties(add(right, left)))).toEqual(['x', 'dense_0', 'dense_1', 'add_0']);
    expect(resolveNames(add(right, left))[1]!.node.opts['units']).toBe(3);
  });

  it('names a node shared by two branches once', () => {
    const x = input('x');
    const shared = dense(x, 2);
    const model = add(relu(shared), dense(shared, 2));
    expect(Object.keys(properties(model))).toEqual(['x', 'dense_0', 'relu_0', 'dense_1', 'add_0']);
  });

  it('counts by opName, not op (a quantizedDense node reporting dense is dense_<n>)', () => {
    const model = dense(dense(input('x'), 4), 2);
    const nodes: Record<number, Node> = { ...model.nodes };
    const first = Object.values(nodes).find((node) => node.op === 'dense' && node.opts['units'] === 4)!;
    nodes[first.id] = { ...first, op: 'quantizedDense' };
    expect(properties(makeModel(nodes, model.output))).toEqual({ x: 'input', dense_0: 'dense', dense_1: 'dense' });
  });

  it('refuses duplicate explicit names, and explicit names that collide with generated ones', () => {
    const twice = dense(dense(input('x'), 2, { name: 'a' }), 2, { name: 'a' });
    expect(() => resolveNames(twice)).toThrow(DuplicateNameError);
    expect(() => build(twice)).toThrow(/duplicate layer name 'a': used by 'a' \(op dense\) and by 'a' \(op dense\)/);
    const collide = dense(dense(input('x'), 2), 2, { name: 'dense_0' });
    expect(() => build(collide)).toThrow(DuplicateNameError);
    expect(() => build(add(input('x'), input('x')))).toThrow(/duplicate layer name 'x'/);
  });

  it('detects a cycle and names the nodes on it', () => {
    const model = dense(dense(input('x'), 2, { name: 'first' }), 2, { name: 'second' });
    const nodes: Record<number, Node> = { ...model.nodes };
    const first = Object.values(nodes).find((node) => node.name === 'first')!;
    nodes[first.id] = { ...first, parents: [model.output] };
    const cyclic = makeModel(nodes, model.output);
    expect(() => graphOrder(cyclic)).toThrow(GraphStructureError);
    expect(() => build(cyclic)).toThrow("the graph has a cycle: 'second' (op dense) -> 'first' (op dense) -> 'second' (op dense)");
  });

  it('detects dangling parents and a missing output node', () => {
    const model = dense(input('x'), 2, { name: 'd' });
    const node = model.nodes[model.output]!;
    const dangling = makeModel({ ...model.nodes, [node.id]: { ...node, parents: [987654321] } }, model.output);
    expect(() => build(dangling)).toThrow(GraphStructureError);
    expect(() => build(dangling)).toThrow("'d' (op dense) refers to node id 987654321, which is not in the model (a dangling node reference)");
    expect(() => build(makeModel(model.nodes, -1))).toThrow(/the model output refers to node id -1/);
  });

  it('ignores nodes the output does not depend on, as Axon does', () => {
    const x = input('x');
    const unused = dense(x, 5);
    const used = dense(x, 2);
    const model = makeModel({ ...unused.nodes, ...used.nodes }, used.output);
    expect(graphOrder(model)).toHaveLength(2);
    expect(properties(model)).toEqual({ x: 'input', dense_0: 'dense' });
  });
});
