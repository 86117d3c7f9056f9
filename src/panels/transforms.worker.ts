/**
 * The figures' worker (not the training worker): the importance figures' log transforms, binning
 * and correlations, off the page's thread. No TensorFlow.js here.
 */
import { histogramViews, scatterView } from './importanceTransforms';
import type { TransformReply, TransformRequest } from './transformClient';

self.onmessage = (event: MessageEvent<TransformRequest>) => {
  const request = event.data;
  let reply: TransformReply;
  if (request.kind === 'scatter') {
    const view = scatterView(request.layers, request.decades);
    reply = { id: request.id, kind: 'scatter', view };
    self.postMessage(reply, { transfer: [view.x.buffer, view.y.buffer, view.layer.buffer] });
  } else {
    reply = {
      id: request.id,
      kind: 'histograms',
      views: request.groups.map((g) => histogramViews(g, request.bins, request.decades)),
    };
    self.postMessage(reply);
  }
};
