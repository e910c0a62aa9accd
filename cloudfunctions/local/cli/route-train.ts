import fs from 'node:fs'
import path from 'node:path'
import {
  classOfDepartment,
  crossValidate,
  fitTemperature,
  fnv1a,
  trainRouter,
  type LabelledExample
} from '../../core/routing'
import { MODEL, STARTER, readExamples } from './route'

/**
 * `npm run route:train [-- --extra FILE …] [--out FILE] [--cv K]`: train the routing model from the
 * starter set (plus labelled JSON lines given with --extra, e.g. exported 退单/转办 examples) and
 * write data/routing/model.json. A K-fold cross-validation (default 5; --cv 0 skips it) fits the
 * temperature that makes confidences calibrated and reports the accuracy on held-out lines.
 */

function fail(message: string): never {
  process.stderr.write(`${message}\n`)
  process.exit(2)
}

function main(): void {
  const argv = process.argv.slice(2)
  const extras: string[] = []
  let out = MODEL
  let folds = 5
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const next = (): string => argv[++i] ?? fail(`${arg} 后面缺少参数`)
    if (arg === '--extra') extras.push(next())
    else if (arg === '--out') out = next()
    else if (arg === '--cv') {
      folds = Number(next())
      if (!Number.isInteger(folds) || folds < 0 || folds === 1) fail('--cv 应为 0（不做）或不小于 2 的整数')
    } else fail(`未知参数 ${arg}`)
  }
  if (!fs.existsSync(STARTER)) fail(`找不到 ${STARTER}`)
  const starterText = fs.readFileSync(STARTER, 'utf8')
  const starter = readExamples(starterText, STARTER)
  const extra: LabelledExample[] = []
  // glossary terms are single words: always trained on, never held out
  const glossary = [...starter.terms]
  for (const file of extras) {
    if (!fs.existsSync(file)) fail(`找不到文件 ${file}`)
    const more = readExamples(fs.readFileSync(file, 'utf8'), file)
    extra.push(...more.problems)
    glossary.push(...more.terms)
  }
  const problems = [...starter.problems, ...extra]

  const t0 = Date.now()
  let temperature: number | undefined
  let cvAccuracy: number | undefined
  if (folds >= 2) {
    const oof = crossValidate(problems, folds, {}, glossary)
    temperature = fitTemperature(oof)
    let ok = 0
    for (const o of oof) {
      let b = 0
      o.logits.forEach((v, i) => {
        if (v > o.logits[b]) b = i
      })
      const label = classOfDepartment(o.example.department)
      if (o.classes[b] === label) ok++
    }
    cvAccuracy = oof.length ? ok / oof.length : 0
    process.stdout.write(`${folds} 折交叉验证：留出问题 top-1 准确率 ${(100 * cvAccuracy).toFixed(1)}%（${ok}/${oof.length}），校准温度 ${temperature}\n`)
  }
  const model = trainRouter([...glossary, ...problems], temperature === undefined ? {} : { temperature }, {
    starterHash: fnv1a(starterText).toString(16),
    starterProblems: starter.problems.length,
    glossaryTerms: glossary.length,
    extraExamples: extra.length,
    ...(cvAccuracy === undefined ? {} : { cvFolds: folds, cvAccuracy: Math.round(cvAccuracy * 1000) / 1000 })
  })
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true })
  const json = JSON.stringify(model.json)
  fs.writeFileSync(out, `${json}\n`)
  process.stdout.write(`已写入 ${out}：${problems.length} 条问题 + ${glossary.length} 个术语，${Object.keys(model.json.weights).length} 个特征，${(json.length / 1024).toFixed(0)} KB 字符，用时 ${((Date.now() - t0) / 1000).toFixed(1)} 秒\n`)
}

main()
