import { LANGS } from '../i18n/index.ts';
import { selectLang, selectSetLang } from '../store/viewStore.ts';
import { useT, useView } from './ViewStoreContext.tsx';

/** 한국어 / English toggle; the pressed button is the current language. */
export function LanguageSwitch() {
  const t = useT();
  const lang = useView(selectLang);
  const setLang = useView(selectSetLang);
  return (
    <fieldset className="lang-switch">
      <legend className="visually-hidden">{t('lang.label')}</legend>
      {LANGS.map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          aria-pressed={lang === code}
          onClick={() => setLang(code)}
        >
          {t(code === 'ko' ? 'lang.ko' : 'lang.en')}
        </button>
      ))}
    </fieldset>
  );
}
