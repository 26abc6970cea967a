/** 随机抽取 over HTTP: parse, authorise, call. The two public routes are part of the API contract (issue 13). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { drawCancelBody, drawCommitBody, drawRunBody, drawUnsealResponse, drawWitnessBody, publicDrawListResponse, publicDrawRecordSchema, reviewDrawListResponse, reviewDrawResponse } from '@kechuang/domain';
import { actorOf } from '../../http/auth.js';
import type { AppContext } from '../../http/context.js';
import { allDraws, readDraw, readPublicDraw, listPublicDraws, roundDraws, unsealDraw } from './draw-read.js';
import { runDraw } from './draw-run.js';
import { cancelDraw, commitDraw, witnessDraw } from './draws.js';
import { findRound } from './rounds.js';
import { manage, observe, roundParams } from './routes.js';

const tags = ['评审与立项'];
const drawParams = z.object({ drawId: z.uuid('抽取记录编号无效') });
const publicParams = z.object({ id: z.uuid('抽取记录编号无效') });
const isPublic = { access: 'public' as const };

export function reviewDrawRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.database.db;

  r.get('/api/review/rounds/:roundId/draws', { schema: { tags, summary: '评审轮次的随机抽取（承诺、纪检监督输入、结果）', params: roundParams, response: { 200: reviewDrawListResponse } }, config: observe }, async (request) => {
    await findRound(db, request.params.roundId);
    return roundDraws(db, request.params.roundId);
  });
  r.post(
    '/api/review/rounds/:roundId/draws',
    { schema: { tags, summary: '发布随机抽取承诺：冻结输入，公布输入哈希、回避后专家池哈希、算法版本、k、评审量、概率上限和事先预告的公开随机来源', params: roundParams, body: drawCommitBody, response: { 201: reviewDrawResponse } }, config: manage },
    async (request, reply) => {
      const row = await commitDraw(db, actorOf(request), request.params.roundId, request.body.sources);
      return reply.code(201).send(await readDraw(db, row.id));
    },
  );
  r.get('/api/review/draws', { schema: { tags, summary: '全部随机抽取（纪检监督的见证清单）', response: { 200: reviewDrawListResponse } }, config: observe }, async () => allDraws(db));
  r.get('/api/review/draws/:drawId', { schema: { tags, summary: '随机抽取详情', params: drawParams, response: { 200: reviewDrawResponse } }, config: observe }, async (request) => readDraw(db, request.params.drawId));
  r.post('/api/review/draws/:drawId/witness', { schema: { tags, summary: '纪检监督录入抽取输入值（抽取前，仅一次）', params: drawParams, body: drawWitnessBody, response: { 200: reviewDrawResponse } }, config: { access: { permission: 'review.witness' as const } } }, async (request) => {
    await witnessDraw(db, actorOf(request), request.params.drawId, request.body.input);
    return readDraw(db, request.params.drawId);
  });
  r.post('/api/review/draws/:drawId/run', { schema: { tags, summary: '执行随机抽取：录入各随机来源公布的数值，生成种子并抽取专家，进入专家评审', params: drawParams, body: drawRunBody, response: { 200: reviewDrawResponse } }, config: manage }, async (request) => {
    await runDraw(db, actorOf(request), request.params.drawId, request.body.values);
    return readDraw(db, request.params.drawId);
  });
  r.post('/api/review/draws/:drawId/cancel', { schema: { tags, summary: '撤销尚未抽取的承诺（撤销记录公开），以便重新承诺', params: drawParams, body: drawCancelBody, response: { 200: reviewDrawResponse } }, config: manage }, async (request) => {
    await cancelDraw(db, actorOf(request), request.params.drawId, request.body.reason);
    return readDraw(db, request.params.drawId);
  });
  r.get('/api/review/draws/:drawId/unseal', { schema: { tags, summary: '开启化名承诺：各化名的盐值与真实身份（纪检监督、审计管理员）', params: drawParams, response: { 200: drawUnsealResponse } }, config: { access: { permission: 'review.unseal' as const } } }, async (request) =>
    unsealDraw(db, actorOf(request), request.params.drawId),
  );

  r.get('/api/public/draws', { schema: { tags, summary: '公开的随机抽取：承诺（抽取前即公开）与评审结束后公开的抽取记录', response: { 200: publicDrawListResponse } }, config: isPublic }, async () => listPublicDraws(db));
  r.get('/api/public/draws/:id', { schema: { tags, summary: '随机抽取记录（化名）：任何人可据此重新抽取并核对（npm run verify-draw -- <文件>）', params: publicParams, response: { 200: publicDrawRecordSchema } }, config: isPublic }, async (request) =>
    readPublicDraw(db, request.params.id),
  );
}
